import { describe, expect, it } from '@jest/globals';
import type { AuditEntry } from '#client';
import { parseCsv } from '../../../../test/support/csv.js';
import { auditCsv, auditNdjson, csvField, CSV_COLUMNS } from './export-format.js';

// Explicit imports: the console's tsconfig is the browser's, without jest's globals.

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  position: 42,
  eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11',
  eventType: 'CredentialRegistered',
  tenant: 'default',
  at: '2027-01-31T12:00:00.000Z',
  actor: '3f0c1a7e-3b9d-4e51-8a0f-2d4c6b8e1f30',
  action: 'created',
  outcome: 'success',
  credentialId: '6f1c2a7e-3b9d-4e51-8a0f-2d4c6b8e1f30',
  details: { name: 'billing-db' },
  ...overrides,
});

describe('csvField', () => {
  it('leaves plain text and numbers as they are', () => {
    expect(csvField('revealed')).toBe('revealed');
    expect(csvField(7)).toBe('7');
    expect(csvField(null)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
  });

  it('prefixes a value that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('a=b')).toBe('a=b');
  });
});

describe('auditCsv', () => {
  it('writes the header and one record per entry, in the given order', () => {
    const csv = auditCsv([entry(), entry({ position: 41, action: 'revealed', credentialId: null, details: {} })], () => 'alice');
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(CSV_COLUMNS);
    expect(rows[1]).toEqual([
      '2027-01-31T12:00:00.000Z',
      '3f0c1a7e-3b9d-4e51-8a0f-2d4c6b8e1f30',
      'created',
      'success',
      '6f1c2a7e-3b9d-4e51-8a0f-2d4c6b8e1f30',
      '42',
      '{"name":"billing-db"}',
      'alice',
      'CredentialRegistered',
      '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11',
    ]);
    expect(rows[2]?.slice(2, 7)).toEqual(['revealed', 'success', '', '41', '']);
    expect(rows).toHaveLength(3);
  });

  it('reads back hostile names exactly, formulas neutralised', () => {
    const name = '=cmd|"/c calc",\r\nnext';
    const rows = parseCsv(auditCsv([entry({ actor: name, details: { name } })], (id) => (id === name ? '@SUM(A1)' : null)));
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[1]).toBe(`'${name}`);
    expect(rows[1]?.[6]).toBe(JSON.stringify({ name }));
    expect(rows[1]?.[7]).toBe("'@SUM(A1)");
  });

  it('leaves the name empty where the principal is unknown', () => {
    expect(parseCsv(auditCsv([entry()], () => null))[1]?.[7]).toBe('');
  });
});

describe('auditNdjson', () => {
  it('writes each entry as it came, one JSON object a line', () => {
    const entries = [entry(), entry({ position: 41, details: { note: 'a\nb' } })];
    const text = auditNdjson(entries);
    expect(text.endsWith('\n')).toBe(true);
    expect(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual(entries);
    expect(auditNdjson([])).toBe('');
  });
});
