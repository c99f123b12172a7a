import { randomBytes } from 'node:crypto';
import { DecryptionFailed, MasterKeyError } from './errors.js';
import { EnvKeyProvider } from './key-provider.js';
import type { MasterKey } from './master-keys.js';

const k1: MasterKey = { id: 'k1', key: randomBytes(32) };
const k2: MasterKey = { id: 'k2', key: randomBytes(32) };
const dek = randomBytes(32);

describe('EnvKeyProvider: wrapping data keys', () => {
  const provider = new EnvKeyProvider([k1]);

  it('unwraps what it wrapped', async () => {
    const wrapped = await provider.wrapKey(dek, 'dek-1');
    expect((await provider.unwrapKey(wrapped, 'dek-1')).equals(dek)).toBe(true);
  });

  it('writes the format version and the KEK id into the envelope', async () => {
    const wrapped = await provider.wrapKey(dek, 'dek-1');
    expect(wrapped).toMatch(/^kw1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(provider.kekIdOf(wrapped)).toBe('k1');
  });

  it('never shows the data key in the envelope', async () => {
    const wrapped = await provider.wrapKey(dek, 'dek-1');
    expect(wrapped).not.toContain(dek.toString('base64url').slice(0, 12));
  });

  it('uses a fresh nonce for every wrap of the same key', async () => {
    const first = (await provider.wrapKey(dek, 'dek-1')).split('.');
    const second = (await provider.wrapKey(dek, 'dek-1')).split('.');
    expect(first[2]).not.toBe(second[2]);
    expect(first[3]).not.toBe(second[3]);
  });

  it('refuses a wrapped key copied onto another DEK row', async () => {
    const wrapped = await provider.wrapKey(dek, 'dek-1');
    await expect(provider.unwrapKey(wrapped, 'dek-2')).rejects.toBeInstanceOf(DecryptionFailed);
  });

  it('refuses a wrapped key whose KEK id it does not know', async () => {
    const wrapped = await new EnvKeyProvider([k2]).wrapKey(dek, 'dek-1');
    await expect(provider.unwrapKey(wrapped, 'dek-1')).rejects.toBeInstanceOf(DecryptionFailed);
  });

  it('refuses a wrapped key when the KEK under that id is different', async () => {
    const impostor = new EnvKeyProvider([{ id: 'k1', key: randomBytes(32) }]);
    const wrapped = await impostor.wrapKey(dek, 'dek-1');
    await expect(provider.unwrapKey(wrapped, 'dek-1')).rejects.toBeInstanceOf(DecryptionFailed);
  });

  it('refuses a wrapped key relabelled with another known KEK id', async () => {
    const ring = new EnvKeyProvider([k1, k2]);
    const wrapped = await ring.wrapKey(dek, 'dek-1');
    await expect(ring.unwrapKey(wrapped.replace('kw1.k1.', 'kw1.k2.'), 'dek-1')).rejects.toBeInstanceOf(DecryptionFailed);
  });

  it('rejects data keys that are not 32 bytes and dek ids the envelope cannot carry', async () => {
    await expect(provider.wrapKey(randomBytes(16), 'dek-1')).rejects.toBeInstanceOf(RangeError);
    await expect(provider.wrapKey(dek, 'dek.1')).rejects.toBeInstanceOf(RangeError);
    await expect(provider.wrapKey(dek, '')).rejects.toBeInstanceOf(RangeError);
  });

  it('reports a malformed wrapped key as DecryptionFailed from kekIdOf', () => {
    expect(() => provider.kekIdOf('kl1.k1.AAAA.AAAA')).toThrow(DecryptionFailed);
    expect(() => provider.kekIdOf('garbage')).toThrow(DecryptionFailed);
  });
});

describe('EnvKeyProvider: a ring of several KEKs', () => {
  it('lists the KEK ids active first', () => {
    const ring = new EnvKeyProvider([k2, k1]);
    expect(ring.activeKekId).toBe('k2');
    expect(ring.kekIds()).toEqual(['k2', 'k1']);
  });

  it('still unwraps keys wrapped under an older, no longer active KEK', async () => {
    const wrappedByOld = await new EnvKeyProvider([k1]).wrapKey(dek, 'dek-1');
    const ring = new EnvKeyProvider([k2, k1]);
    expect((await ring.unwrapKey(wrappedByOld, 'dek-1')).equals(dek)).toBe(true);
  });

  it('wraps new keys under the first KEK only', async () => {
    const ring = new EnvKeyProvider([k2, k1]);
    const wrapped = await ring.wrapKey(dek, 'dek-1');
    expect(ring.kekIdOf(wrapped)).toBe('k2');
    await expect(new EnvKeyProvider([k1]).unwrapKey(wrapped, 'dek-1')).rejects.toBeInstanceOf(DecryptionFailed);
    expect((await new EnvKeyProvider([k2]).unwrapKey(wrapped, 'dek-1')).equals(dek)).toBe(true);
  });
});

describe('EnvKeyProvider: construction', () => {
  it('rejects an empty ring, duplicate ids, bad ids and keys that are not 32 bytes', () => {
    expect(() => new EnvKeyProvider([])).toThrow(MasterKeyError);
    expect(() => new EnvKeyProvider([k1, { id: 'k1', key: randomBytes(32) }])).toThrow(MasterKeyError);
    expect(() => new EnvKeyProvider([{ id: 'k.1', key: randomBytes(32) }])).toThrow(MasterKeyError);
    expect(() => new EnvKeyProvider([{ id: 'k1', key: randomBytes(31) }])).toThrow(MasterKeyError);
  });

  it('keeps its own copy of the keys', async () => {
    const original: MasterKey = { id: 'k1', key: Buffer.from(k1.key) };
    const provider = new EnvKeyProvider([original]);
    const wrapped = await provider.wrapKey(dek, 'dek-1');
    original.key.fill(0);
    expect((await provider.unwrapKey(wrapped, 'dek-1')).equals(dek)).toBe(true);
  });

  it('builds the ring from the environment variables', async () => {
    const env = { KEYLEDGER_MASTER_KEYS: `k2:${k2.key.toString('base64')},k1:${k1.key.toString('base64')}` };
    const ring = EnvKeyProvider.fromEnv(env);
    expect(ring.kekIds()).toEqual(['k2', 'k1']);
    const wrapped = await new EnvKeyProvider([k1]).wrapKey(dek, 'dek-1');
    expect((await ring.unwrapKey(wrapped, 'dek-1')).equals(dek)).toBe(true);
    expect(() => EnvKeyProvider.fromEnv({})).toThrow(MasterKeyError);
  });
});

describe('EnvKeyProvider: derived keys', () => {
  it('derives a stable 32-byte key per purpose from the active KEK', () => {
    const ring = new EnvKeyProvider([k1, k2]);
    const derived = ring.deriveKey('fingerprint');
    expect(derived).toHaveLength(32);
    expect(derived.equals(ring.deriveKey('fingerprint'))).toBe(true);
    expect(derived.equals(k1.key)).toBe(false);
    expect(derived.equals(ring.deriveKey('other'))).toBe(false);
    expect(derived.equals(new EnvKeyProvider([k1]).deriveKey('fingerprint'))).toBe(true);
    expect(derived.equals(new EnvKeyProvider([k2, k1]).deriveKey('fingerprint'))).toBe(false);
  });

  it('refuses an empty purpose', () => {
    expect(() => new EnvKeyProvider([k1]).deriveKey('')).toThrow(RangeError);
  });

  it('derives from a named KEK the key deriveKey gave while that KEK was active', () => {
    const before = new EnvKeyProvider([k1]).deriveKey('event-seal');
    const after = new EnvKeyProvider([k2, k1]);
    expect(after.deriveKeyFor('k1', 'event-seal').equals(before)).toBe(true);
    expect(after.deriveKeyFor('k2', 'event-seal').equals(after.deriveKey('event-seal'))).toBe(true);
    expect(after.deriveKeyFor('k2', 'event-seal').equals(before)).toBe(false);
  });

  it('refuses a KEK id that is not in the keyring', () => {
    expect(() => new EnvKeyProvider([k2]).deriveKeyFor('k1', 'event-seal')).toThrow(RangeError);
  });
});
