import { randomBytes } from 'node:crypto';
import { MasterKeyError } from './errors.js';
import { parseMasterKeys, type MasterKeyEnv } from './master-keys.js';

const keyA = randomBytes(32);
const keyB = randomBytes(32);
const b64A = keyA.toString('base64');
const b64B = keyB.toString('base64');

function errorOf(env: MasterKeyEnv): MasterKeyError {
  try {
    parseMasterKeys(env);
  } catch (error) {
    if (error instanceof MasterKeyError) return error;
    throw error;
  }
  throw new Error('expected parseMasterKeys to throw');
}

describe('parseMasterKeys: accepted settings', () => {
  it('keeps the order of KEYLEDGER_MASTER_KEYS, first entry first (the active one)', () => {
    const keys = parseMasterKeys({ KEYLEDGER_MASTER_KEYS: `k2:${b64B},k1:${b64A}` });
    expect(keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(keys[0]?.key.equals(keyB)).toBe(true);
    expect(keys[1]?.key.equals(keyA)).toBe(true);
  });

  it('reads a bare KEYLEDGER_MASTER_KEY under the id "default"', () => {
    const keys = parseMasterKeys({ KEYLEDGER_MASTER_KEY: b64A });
    expect(keys).toHaveLength(1);
    expect(keys[0]?.id).toBe('default');
    expect(keys[0]?.key.equals(keyA)).toBe(true);
  });

  it('reads KEYLEDGER_MASTER_KEY in the id:base64 form', () => {
    const keys = parseMasterKeys({ KEYLEDGER_MASTER_KEY: `prod-2026_a:${b64A}` });
    expect(keys.map((k) => k.id)).toEqual(['prod-2026_a']);
  });

  it('tolerates spaces around entries and accepts url-safe base64 without padding', () => {
    const urlSafe = keyB.toString('base64url');
    const keys = parseMasterKeys({ KEYLEDGER_MASTER_KEYS: ` k1:${b64A} ,  k2:${urlSafe} ` });
    expect(keys.map((k) => k.id)).toEqual(['k1', 'k2']);
    expect(keys[1]?.key.equals(keyB)).toBe(true);
  });

  it('accepts both variables when they describe the same key', () => {
    const keys = parseMasterKeys({ KEYLEDGER_MASTER_KEYS: `default:${b64A}`, KEYLEDGER_MASTER_KEY: b64A });
    expect(keys.map((k) => k.id)).toEqual(['default']);
  });

  it('treats a blank variable as unset when the other one is set', () => {
    const keys = parseMasterKeys({ KEYLEDGER_MASTER_KEYS: '  ', KEYLEDGER_MASTER_KEY: `k9:${b64A}` });
    expect(keys.map((k) => k.id)).toEqual(['k9']);
  });
});

const id65 = 'a'.repeat(65);
const shortKey = randomBytes(16).toString('base64');
const longKey = randomBytes(33).toString('base64');
// The last character of a 32-byte key carries 2 unused bits; setting one is not canonical.
const nonCanonical = `${b64A.slice(0, 42)}${String.fromCharCode(b64A.charCodeAt(42) ^ 1)}=`;

const cases: Array<[string, MasterKeyEnv, RegExp]> = [
  ['neither variable set', {}, /^KEYLEDGER_MASTER_KEYS is not set: /],
  ['KEYLEDGER_MASTER_KEYS empty', { KEYLEDGER_MASTER_KEYS: '' }, /^KEYLEDGER_MASTER_KEYS is empty: /],
  ['KEYLEDGER_MASTER_KEYS blank', { KEYLEDGER_MASTER_KEYS: ' \t ' }, /^KEYLEDGER_MASTER_KEYS is empty: /],
  ['KEYLEDGER_MASTER_KEY empty', { KEYLEDGER_MASTER_KEY: '' }, /^KEYLEDGER_MASTER_KEY is empty: /],
  ['an empty list entry', { KEYLEDGER_MASTER_KEYS: `k1:${b64A},` }, /^KEYLEDGER_MASTER_KEYS entry 2 is empty: /],
  ['a list entry without id', { KEYLEDGER_MASTER_KEYS: b64A }, /^KEYLEDGER_MASTER_KEYS entry 1 is not of the form <id>:<base64 key>: /],
  ['an empty id', { KEYLEDGER_MASTER_KEYS: `k1:${b64A},:${b64B}` }, /^KEYLEDGER_MASTER_KEYS entry 2 has an invalid id/],
  ['an id with a dot', { KEYLEDGER_MASTER_KEYS: `k.1:${b64A}` }, /^KEYLEDGER_MASTER_KEYS entry 1 has an invalid id/],
  ['an id over 64 characters', { KEYLEDGER_MASTER_KEYS: `${id65}:${b64A}` }, /^KEYLEDGER_MASTER_KEYS entry 1 has an invalid id/],
  ['a bad id in the single variable', { KEYLEDGER_MASTER_KEY: `bad id:${b64A}` }, /^KEYLEDGER_MASTER_KEY has an invalid id/],
  [
    'a key that is not base64',
    { KEYLEDGER_MASTER_KEYS: `k1:${b64A},k2:not*base64!` },
    /^KEYLEDGER_MASTER_KEYS entry 2 key is not valid base64: /,
  ],
  ['a key with an empty value', { KEYLEDGER_MASTER_KEYS: 'k1:' }, /^KEYLEDGER_MASTER_KEYS entry 1 key is not valid base64: /],
  [
    'a non-canonical base64 key',
    { KEYLEDGER_MASTER_KEYS: `k1:${nonCanonical}` },
    /^KEYLEDGER_MASTER_KEYS entry 1 key is not valid base64: /,
  ],
  ['a single key that is not base64', { KEYLEDGER_MASTER_KEY: '%%%%' }, /^KEYLEDGER_MASTER_KEY key is not valid base64: /],
  ['a 16-byte key', { KEYLEDGER_MASTER_KEYS: `k1:${shortKey}` }, /^KEYLEDGER_MASTER_KEYS entry 1 key decodes to 16 bytes, expected 32: /],
  ['a 33-byte key', { KEYLEDGER_MASTER_KEY: longKey }, /^KEYLEDGER_MASTER_KEY key decodes to 33 bytes, expected 32: /],
  [
    'duplicate ids',
    { KEYLEDGER_MASTER_KEYS: `k1:${b64A},k2:${b64B},k1:${b64B}` },
    /^KEYLEDGER_MASTER_KEYS entry 3 repeats the id of entry 1: /,
  ],
  [
    'both variables with different keys',
    { KEYLEDGER_MASTER_KEYS: `default:${b64A}`, KEYLEDGER_MASTER_KEY: b64B },
    /^KEYLEDGER_MASTER_KEYS and KEYLEDGER_MASTER_KEY are both set with different values/,
  ],
  [
    'both variables with different ids',
    { KEYLEDGER_MASTER_KEYS: `k1:${b64A}`, KEYLEDGER_MASTER_KEY: `k2:${b64A}` },
    /both set with different values/,
  ],
  [
    'both variables, the list longer',
    { KEYLEDGER_MASTER_KEYS: `k1:${b64A},k0:${b64B}`, KEYLEDGER_MASTER_KEY: `k1:${b64A}` },
    /both set with different values/,
  ],
];

describe('parseMasterKeys: rejected settings', () => {
  it.each(cases)('rejects %s with a clear MasterKeyError', (_name, env, expected) => {
    expect(errorOf(env).message).toMatch(expected);
  });

  it.each(cases)('for %s: one line that says how to generate a key', (_name, env) => {
    const { message } = errorOf(env);
    expect(message).not.toContain('\n');
    expect(message).toContain('openssl rand -base64 32');
    expect(message).toContain('KEYLEDGER_MASTER_KEYS=k1:<key>');
  });

  it.each(cases)('for %s: no key material in the message', (_name, env) => {
    const { message } = errorOf(env);
    for (const secret of [keyA, keyB]) {
      expect(message).not.toContain(secret.toString('base64').slice(0, 16));
      expect(message).not.toContain(secret.toString('base64url').slice(0, 16));
      expect(message).not.toContain(secret.toString('hex').slice(0, 16));
    }
    for (const fragment of [shortKey, longKey, 'not*base64!', '%%%%', nonCanonical]) {
      expect(message).not.toContain(fragment);
    }
  });
});
