import { DecryptionFailed } from './errors.js';
import { DATA_KEY_BYTES, dekIdOf, generateDataKey, openSecret, sealSecret, type SecretBinding } from './secrets.js';

const dek = generateDataKey();
const binding: SecretBinding = { credentialId: '6f1c1e0e-3b7a-4c55-9d2e-1f0a9a7b8c01', secretVersion: 3 };
const secret = 'sk-ant-api03-correct-horse-battery-staple';

describe('sealSecret / openSecret', () => {
  it('opens what it sealed, including empty and non-ASCII values', () => {
    for (const value of [secret, '', 'pässwörd 🔑\nline two']) {
      expect(openSecret(dek, sealSecret(dek, 'dek-1', value, binding), binding)).toBe(value);
    }
  });

  it('writes the format version and the DEK id into the envelope, not the plaintext', () => {
    const sealed = sealSecret(dek, 'dek-1', secret, binding);
    expect(sealed).toMatch(/^kl1\.dek-1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(dekIdOf(sealed)).toBe('dek-1');
    expect(sealed).not.toContain('correct-horse');
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64url').slice(4, 20));
  });

  it('uses a fresh nonce for every seal of the same plaintext', () => {
    const first = sealSecret(dek, 'dek-1', secret, binding).split('.');
    const second = sealSecret(dek, 'dek-1', secret, binding).split('.');
    expect(first[2]).not.toBe(second[2]);
    expect(first[3]).not.toBe(second[3]);
  });

  it('refuses a ciphertext copied onto another credential', () => {
    const sealed = sealSecret(dek, 'dek-1', secret, binding);
    const other = { ...binding, credentialId: '0b9e5b7c-1111-4c55-9d2e-1f0a9a7b8c01' };
    expect(() => openSecret(dek, sealed, other)).toThrow(DecryptionFailed);
  });

  it('refuses a ciphertext presented as another secret version', () => {
    const sealed = sealSecret(dek, 'dek-1', secret, binding);
    expect(() => openSecret(dek, sealed, { ...binding, secretVersion: 4 })).toThrow(DecryptionFailed);
    expect(() => openSecret(dek, sealed, { ...binding, secretVersion: 2 })).toThrow(DecryptionFailed);
  });

  it('refuses to open under another data key', () => {
    const sealed = sealSecret(dek, 'dek-1', secret, binding);
    expect(() => openSecret(generateDataKey(), sealed, binding)).toThrow(DecryptionFailed);
    expect(() => openSecret(dek.subarray(0, 16), sealed, binding)).toThrow(DecryptionFailed);
  });

  it('reports malformed input and invalid bindings as DecryptionFailed', () => {
    const sealed = sealSecret(dek, 'dek-1', secret, binding);
    for (const text of ['', 'kl1', 'kl1.dek-1', 'kl2' + sealed.slice(3), `${sealed}.extra`, 'kl1.d.AAAA.AAAA']) {
      expect(() => openSecret(dek, text, binding)).toThrow(DecryptionFailed);
    }
    expect(() => openSecret(dek, sealed, { ...binding, secretVersion: 3.5 })).toThrow(DecryptionFailed);
    expect(() => openSecret(dek, sealed, { ...binding, credentialId: '' })).toThrow(DecryptionFailed);
  });

  it('says nothing about the data in its error', () => {
    const sealed = sealSecret(dek, 'dek-1', secret, binding);
    try {
      openSecret(generateDataKey(), sealed, binding);
      throw new Error('expected openSecret to throw');
    } catch (error) {
      expect(error).toBeInstanceOf(DecryptionFailed);
      expect((error as DecryptionFailed).message).toBe('ciphertext could not be decrypted');
      expect((error as DecryptionFailed).code).toBe('DECRYPTION_FAILED');
    }
  });

  it('rejects bad arguments when sealing', () => {
    expect(() => sealSecret(dek.subarray(0, 31), 'dek-1', secret, binding)).toThrow(RangeError);
    expect(() => sealSecret(dek, 'dek.1', secret, binding)).toThrow(RangeError);
    expect(() => sealSecret(dek, 'dek-1', secret, { ...binding, secretVersion: -1 })).toThrow(RangeError);
    expect(() => sealSecret(dek, 'dek-1', secret, { ...binding, credentialId: '' })).toThrow(RangeError);
  });

  it('reports a malformed envelope as DecryptionFailed from dekIdOf', () => {
    expect(() => dekIdOf('kw1.k1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA')).toThrow(DecryptionFailed);
    expect(() => dekIdOf('not an envelope')).toThrow(DecryptionFailed);
  });
});

describe('generateDataKey', () => {
  it('returns a fresh 32-byte key each time', () => {
    const a = generateDataKey();
    expect(a).toHaveLength(DATA_KEY_BYTES);
    expect(DATA_KEY_BYTES).toBe(32);
    expect(a.equals(generateDataKey())).toBe(false);
  });
});
