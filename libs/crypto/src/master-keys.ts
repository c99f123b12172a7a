// Parsing of the master keys (KEKs) from the environment. Messages name the
// variable and the 1-based entry index and never echo any part of a value:
// a mistyped entry may well be key material.

import { KEY_ID_PATTERN } from './envelope.js';
import { MasterKeyError } from './errors.js';

/** A key-encryption key; `key` is exactly 32 bytes. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface MasterKeyEnv {
  KEYLEDGER_MASTER_KEYS?: string;
  KEYLEDGER_MASTER_KEY?: string;
}

export const MASTER_KEY_BYTES = 32;

const LIST_VAR = 'KEYLEDGER_MASTER_KEYS';
const SINGLE_VAR = 'KEYLEDGER_MASTER_KEY';
const DEFAULT_ID = 'default';
const HOW_TO = 'generate a key with `openssl rand -base64 32` and set KEYLEDGER_MASTER_KEYS=k1:<key>';

function fail(problem: string): never {
  throw new MasterKeyError(`${problem}: ${HOW_TO}`);
}

/**
 * Reads `KEYLEDGER_MASTER_KEYS` (ordered `id:base64` list, first is active)
 * or `KEYLEDGER_MASTER_KEY` (`base64` or `id:base64`). A blank variable
 * counts as unset; both set is accepted only if they describe the same keys.
 */
export function parseMasterKeys(env: MasterKeyEnv): MasterKey[] {
  const list = env.KEYLEDGER_MASTER_KEYS?.trim() ?? '';
  const single = env.KEYLEDGER_MASTER_KEY?.trim() ?? '';
  if (list === '' && single === '') {
    if (env.KEYLEDGER_MASTER_KEYS !== undefined) fail(`${LIST_VAR} is empty`);
    if (env.KEYLEDGER_MASTER_KEY !== undefined) fail(`${SINGLE_VAR} is empty`);
    fail(`${LIST_VAR} is not set`);
  }
  if (single === '') return parseList(list);
  const fromSingle = [parseEntry(single, SINGLE_VAR, true)];
  if (list === '') return fromSingle;
  if (!sameKeys(parseList(list), fromSingle)) {
    fail(`${LIST_VAR} and ${SINGLE_VAR} are both set with different values; keep only ${LIST_VAR}`);
  }
  return fromSingle;
}

function parseList(list: string): MasterKey[] {
  const keys = list.split(',').map((entry, index) => parseEntry(entry.trim(), `${LIST_VAR} entry ${index + 1}`, false));
  keys.forEach((key, index) => {
    const first = keys.findIndex((other) => other.id === key.id);
    if (first !== index) fail(`${LIST_VAR} entry ${index + 1} repeats the id of entry ${first + 1}`);
  });
  return keys;
}

/** `where` names the variable (and entry); `idOptional` allows a bare key. */
function parseEntry(entry: string, where: string, idOptional: boolean): MasterKey {
  if (entry === '') fail(`${where} is empty`);
  const colon = entry.indexOf(':');
  if (colon < 0 && !idOptional) fail(`${where} is not of the form <id>:<base64 key>`);
  const id = colon < 0 ? DEFAULT_ID : entry.slice(0, colon).trim();
  const encoded = colon < 0 ? entry : entry.slice(colon + 1).trim();
  if (!KEY_ID_PATTERN.test(id)) fail(`${where} has an invalid id (use 1-64 of A-Z a-z 0-9 _ -)`);
  const key = decodeBase64(encoded);
  if (key === null) fail(`${where} key is not valid base64`);
  if (key.length !== MASTER_KEY_BYTES) {
    fail(`${where} key decodes to ${key.length} bytes, expected ${MASTER_KEY_BYTES}`);
  }
  return { id, key };
}

/** Standard or URL-safe alphabet, padding optional; null unless canonical. */
function decodeBase64(encoded: string): Buffer | null {
  const normalized = encoded
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/={1,2}$/, '');
  if (normalized === '' || !/^[A-Za-z0-9+/]+$/.test(normalized) || normalized.length % 4 === 1) return null;
  const bytes = Buffer.from(normalized, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== normalized) return null;
  return bytes;
}

function sameKeys(a: MasterKey[], b: MasterKey[]): boolean {
  return (
    a.length === b.length &&
    a.every((key, i) => {
      const other = b[i];
      return other !== undefined && key.id === other.id && key.key.equals(other.key);
    })
  );
}
