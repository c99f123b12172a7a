import { describe, expect, it } from '@jest/globals';
import { filterFromSearch, searchOf } from './audit-query.js';

describe('the audit filters in the URL', () => {
  it('reads the filters GET /v1/audit takes and nothing else', () => {
    expect(filterFromSearch('?action=revealed&outcome=denied&from=2027-01-01T00:00:00Z&cursor=abc&token=x&actor=')).toEqual({
      action: 'revealed',
      outcome: 'denied',
      from: '2027-01-01T00:00:00Z',
    });
    expect(filterFromSearch('')).toEqual({});
  });

  it('writes them back in a stable order, encoded, and round-trips', () => {
    const filter = { to: '2027-01-31T00:00:00+01:00', credentialId: '6f1c2a7e-3b9d-4e51-8a0f-2d4c6b8e1f30', actor: 'a b&c' };
    const search = searchOf(filter);
    expect(search).toBe('?credentialId=6f1c2a7e-3b9d-4e51-8a0f-2d4c6b8e1f30&actor=a+b%26c&to=2027-01-31T00%3A00%3A00%2B01%3A00');
    expect(filterFromSearch(search)).toEqual(filter);
    expect(searchOf({ action: '  ' })).toBe('');
  });
});
