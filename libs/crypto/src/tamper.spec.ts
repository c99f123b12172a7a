// Every single-character change, byte flip, truncation or extension of an
// envelope must fail to open: nothing in the text is unauthenticated.

import { randomBytes } from 'node:crypto';
import { DecryptionFailed } from './errors.js';
import { EnvKeyProvider } from './key-provider.js';
import { generateDataKey, openSecret, sealSecret } from './secrets.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

/** Each position replaced by two other characters (one near it, one far from it). */
function characterMutations(text: string): string[] {
  const mutations: string[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const at = ALPHABET.indexOf(text.charAt(i));
    for (const offset of [1, 33]) {
      const replacement = ALPHABET.charAt((at + offset) % ALPHABET.length);
      mutations.push(text.slice(0, i) + replacement + text.slice(i + 1));
    }
  }
  return mutations;
}

/** Each byte of the nonce and of ciphertext||tag with one bit flipped, re-encoded canonically. */
function byteFlips(text: string): string[] {
  const [format, keyId, ...encoded] = text.split('.');
  const flips: string[] = [];
  encoded.forEach((part, index) => {
    const bytes = Buffer.from(part, 'base64url');
    for (let i = 0; i < bytes.length; i += 1) {
      const copy = Buffer.from(bytes);
      copy.writeUInt8(copy.readUInt8(i) ^ (0x01 << (i % 8)), i);
      const parts = [...encoded];
      parts[index] = copy.toString('base64url');
      flips.push([format, keyId, ...parts].join('.'));
    }
  });
  return flips;
}

function lengthChanges(text: string): string[] {
  return [text.slice(0, -1), text.slice(0, -4), `${text}A`, `${text}AAAA`, text.slice(1)];
}

function allTamperings(text: string): string[] {
  return [...characterMutations(text), ...byteFlips(text), ...lengthChanges(text)];
}

describe('tampering with a sealed secret', () => {
  const dek = generateDataKey();
  const binding = { credentialId: 'c-1', secretVersion: 1 };
  const sealed = sealSecret(dek, 'dek-1', 'hunter2-hunter2-hunter2', binding);

  it('opens the untouched envelope (control)', () => {
    expect(openSecret(dek, sealed, binding)).toBe('hunter2-hunter2-hunter2');
  });

  it('fails with DecryptionFailed on every altered envelope', () => {
    const tampered = allTamperings(sealed);
    expect(tampered.length).toBeGreaterThan(2 * sealed.length);
    for (const text of tampered) {
      expect(text).not.toBe(sealed);
      expect(() => openSecret(dek, text, binding)).toThrow(DecryptionFailed);
    }
  });
});

describe('tampering with a wrapped data key', () => {
  const ring = new EnvKeyProvider([
    { id: 'k1', key: randomBytes(32) },
    { id: 'k2', key: randomBytes(32) },
  ]);
  const dek = generateDataKey();

  it('fails with DecryptionFailed on every altered envelope', async () => {
    const wrapped = await ring.wrapKey(dek, 'dek-1');
    expect((await ring.unwrapKey(wrapped, 'dek-1')).equals(dek)).toBe(true);
    for (const text of allTamperings(wrapped)) {
      expect(text).not.toBe(wrapped);
      await expect(ring.unwrapKey(text, 'dek-1')).rejects.toBeInstanceOf(DecryptionFailed);
    }
  });
});
