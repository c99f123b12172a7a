import { eventHash, hashDocumentAround, type HashedFields } from './hash.js';

const base: HashedFields = {
  globalPosition: 42,
  streamId: 'credential-1',
  streamVersion: 3,
  type: 'SecretRotated',
  data: { secretVersion: 2, ciphertext: 'v1:k:abc' },
  metadata: { actor: 'alice', now: '2026-01-01T00:00:00.000Z' },
  eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11',
  tenant: 'acme',
};
const prev = Buffer.alloc(32, 7);

describe('eventHash', () => {
  it('is a SHA-256 digest that does not depend on key order', () => {
    const hash = eventHash(prev, base);
    expect(hash).toHaveLength(32);
    const reordered = { ...base, data: { ciphertext: 'v1:k:abc', secretVersion: 2 } };
    expect(eventHash(prev, reordered).equals(hash)).toBe(true);
  });

  it.each<[string, Partial<HashedFields>]>([
    ['globalPosition', { globalPosition: 43 }],
    ['streamId', { streamId: 'credential-2' }],
    ['streamVersion', { streamVersion: 4 }],
    ['streamVersion null', { streamVersion: null }],
    ['type', { type: 'SecretRevealed' }],
    ['data', { data: { secretVersion: 3, ciphertext: 'v1:k:abc' } }],
    ['metadata', { metadata: { actor: 'mallory', now: '2026-01-01T00:00:00.000Z' } }],
    ['eventId', { eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c12' }],
    ['tenant', { tenant: 'other' }],
  ])('changes when %s changes', (_, change) => {
    expect(eventHash(prev, { ...base, ...change }).equals(eventHash(prev, base))).toBe(false);
  });

  it('changes with the previous hash, and null differs from any hash', () => {
    expect(eventHash(Buffer.alloc(32, 8), base).equals(eventHash(prev, base))).toBe(false);
    expect(eventHash(null, base).equals(eventHash(prev, base))).toBe(false);
  });

  it('hashes head + position + tail, the form the database computes for unversioned records', () => {
    const { head, tail } = hashDocumentAround(null, base);
    expect(head).toBe('["kl-event-v1",');
    expect(JSON.parse(`${head}42${tail}`)).toEqual([
      'kl-event-v1',
      42,
      'credential-1',
      3,
      'acme',
      'SecretRotated',
      base.eventId,
      base.data,
      base.metadata,
      null,
    ]);
  });

  it('refuses a position that a bigint text form would not match', () => {
    expect(() => eventHash(null, { ...base, globalPosition: 1.5 })).toThrow(/not a position/);
    expect(() => eventHash(null, { ...base, globalPosition: 2 ** 53 })).toThrow(/not a position/);
  });
});
