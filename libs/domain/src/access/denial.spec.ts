import { KeyledgerError } from '../errors.js';
import { AccessDeniedError, credentialNotFound, enforceAccess } from './denial.js';
import { deniedAccessStreamId } from './types.js';

describe('access refusals', () => {
  it('answer a hidden credential exactly like a missing one', () => {
    const hidden = credentialNotFound('c-1');
    expect(hidden).toBeInstanceOf(KeyledgerError);
    expect(hidden).toMatchObject({ code: 'NOT_FOUND', reason: 'not_found', message: 'credential c-1 not found' });
    expect(() => enforceAccess({ allowed: false, reason: 'not_found' }, 'c-1', 'reveal')).toThrow(hidden.message);
  });

  it('answer FORBIDDEN for a visible credential and an action the caller may not do', () => {
    let caught: unknown;
    try {
      enforceAccess({ allowed: false, reason: 'forbidden' }, 'c-1', 'reveal');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AccessDeniedError);
    expect(caught).toMatchObject({ code: 'FORBIDDEN', reason: 'forbidden', details: { action: 'reveal' } });
    expect(() => enforceAccess({ allowed: true }, 'c-1', 'reveal')).not.toThrow();
  });

  it('are recorded on the requested credential’s access stream, or the actor’s own when none was named', () => {
    expect(deniedAccessStreamId('c-1', 'p-1')).toBe('credential-access-c-1');
    expect(deniedAccessStreamId(null, 'p-1')).toBe('principal-access-p-1');
  });
});
