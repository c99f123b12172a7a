import { createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { sealKeyObject, sealMac, SEAL_FORMAT, type SealedFields } from './seal-mac.js';

const rawKey = Buffer.alloc(32, 3);
const key = sealKeyObject(rawKey);
const base: SealedFields = {
  sealSeq: 7,
  kekId: 'k1',
  globalPosition: 42,
  transactionId: '981',
  eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11',
  streamId: 'credential-access-1',
  streamType: 'credential_access',
  streamVersion: null,
  tenant: 'acme',
  type: 'SecretRevealed',
  recordedAtMicros: '1767225600123456',
  hash: 'aa'.repeat(32),
  prevHash: null,
};
const prev = Buffer.alloc(32, 9);

describe('sealMac', () => {
  it('is HMAC-SHA256 over the previous MAC and the canonical sealed fields', () => {
    const document = canonicalJson([
      SEAL_FORMAT,
      7,
      'k1',
      42,
      '981',
      base.eventId,
      'credential-access-1',
      'credential_access',
      null,
      'acme',
      'SecretRevealed',
      '1767225600123456',
      'aa'.repeat(32),
      null,
    ]);
    const expected = createHmac('sha256', rawKey).update(prev).update(document).digest();
    expect(sealMac(key, prev, base).equals(expected)).toBe(true);
    expect(sealMac(key, null, base).equals(createHmac('sha256', rawKey).update(document).digest())).toBe(true);
  });

  it.each<[string, Partial<SealedFields>]>([
    ['sealSeq', { sealSeq: 8 }],
    ['kekId', { kekId: 'k2' }],
    ['globalPosition', { globalPosition: 43 }],
    ['transactionId', { transactionId: '982' }],
    ['eventId', { eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c12' }],
    ['streamId', { streamId: 'credential-access-2' }],
    ['streamType', { streamType: 'credential' }],
    ['streamVersion', { streamVersion: 1 }],
    ['tenant', { tenant: 'other' }],
    ['type', { type: 'AccessDenied' }],
    ['recordedAtMicros (one microsecond)', { recordedAtMicros: '1767225600123457' }],
    ['hash', { hash: 'ab'.repeat(32) }],
    ['prevHash', { prevHash: 'cc'.repeat(32) }],
  ])('changes when %s changes', (_, change) => {
    expect(sealMac(key, prev, { ...base, ...change }).equals(sealMac(key, prev, base))).toBe(false);
  });

  it('depends on the key and on the previous MAC', () => {
    expect(sealMac(sealKeyObject(Buffer.alloc(32, 4)), prev, base).equals(sealMac(key, prev, base))).toBe(false);
    expect(sealMac(key, Buffer.alloc(32, 8), base).equals(sealMac(key, prev, base))).toBe(false);
    expect(sealMac(key, null, base).equals(sealMac(key, prev, base))).toBe(false);
  });

  it('refuses a short key', () => {
    expect(() => sealKeyObject(Buffer.alloc(16))).toThrow(RangeError);
  });
});
