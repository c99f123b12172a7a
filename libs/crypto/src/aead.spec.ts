import { createSecretKey, randomBytes } from 'node:crypto';
import { aesKey, associatedData, gcmOpen, gcmSeal } from './aead.js';
import { DecryptionFailed } from './errors.js';

const bytes = randomBytes(32);
const aad = associatedData(['test', 'aad', 1]);
const plaintext = Buffer.from('a secret value', 'utf8');

describe('AES-256-GCM keys: raw bytes or a KeyObject made once', () => {
  it('opens with the KeyObject what was sealed with the raw key, and the other way round', () => {
    const object = aesKey(bytes);
    expect(gcmOpen(object, gcmSeal(bytes, plaintext, aad), aad).equals(plaintext)).toBe(true);
    expect(gcmOpen(bytes, gcmSeal(object, plaintext, aad), aad).equals(plaintext)).toBe(true);
  });

  it('reuses one KeyObject for any number of seals and opens, each with a fresh nonce', () => {
    const object = aesKey(bytes);
    const sealed = Array.from({ length: 50 }, () => gcmSeal(object, plaintext, aad));
    expect(new Set(sealed.map((s) => s.nonce.toString('hex'))).size).toBe(50);
    for (const s of sealed) expect(gcmOpen(object, s, aad).equals(plaintext)).toBe(true);
  });

  it('keeps its own copy: zeroing the bytes it was made from changes nothing', () => {
    const source = Buffer.from(bytes);
    const object = aesKey(source);
    source.fill(0);
    expect(gcmOpen(object, gcmSeal(bytes, plaintext, aad), aad).equals(plaintext)).toBe(true);
  });

  it('refuses keys that are not 256 bits, as bytes or as a KeyObject', () => {
    expect(() => aesKey(randomBytes(16))).toThrow(RangeError);
    const short = createSecretKey(randomBytes(16));
    expect(() => gcmSeal(short, plaintext, aad)).toThrow(RangeError);
    expect(() => gcmOpen(short, gcmSeal(bytes, plaintext, aad), aad)).toThrow(DecryptionFailed);
  });

  it('refuses to open under another KeyObject', () => {
    expect(() => gcmOpen(aesKey(randomBytes(32)), gcmSeal(aesKey(bytes), plaintext, aad), aad)).toThrow(DecryptionFailed);
  });
});
