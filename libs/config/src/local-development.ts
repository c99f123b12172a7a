// `npm start` on a developer's machine with nothing exported: outside
// production, a missing master key is replaced by a development keyring and
// admin token kept in one git-ignored file (mode 600), made on the first
// start and reused on every later one. In production nothing is made and the
// missing key stops the process as before.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from './config-error.js';
import { readRaw } from './readers.js';

/** Where `npm start` keeps the development keyring, relative to the directory it runs in. */
export const LOCAL_ENV_FILE = '.keyledger/local.env';

export interface LocalDevelopment {
  /** The file holding the development keyring and token. */
  file: string;
  /** True when this start made the file, false when it reused it. */
  created: boolean;
}

export interface StartEnvironment {
  /** The environment for the processes `npm start` runs. */
  env: NodeJS.ProcessEnv;
  /** Set when the development keyring is in use. */
  local: LocalDevelopment | null;
}

const KEYS = 'KEYLEDGER_MASTER_KEYS';
const TOKEN = 'KEYLEDGER_BOOTSTRAP_TOKEN';

/** The environment `npm start` runs with: the caller's, plus the development keyring when no master key is set outside production. */
export function startEnvironment(file: string, env: NodeJS.ProcessEnv = process.env): StartEnvironment {
  const production = readRaw(env, 'NODE_ENV') === 'production';
  if (production || readRaw(env, KEYS) !== undefined || readRaw(env, 'KEYLEDGER_MASTER_KEY') !== undefined) {
    return { env: { ...env }, local: null };
  }
  const { values, created } = readOrCreate(file);
  return {
    env: { ...env, [KEYS]: values[KEYS], [TOKEN]: readRaw(env, TOKEN) ?? values[TOKEN] },
    local: { file, created },
  };
}

function readOrCreate(file: string): { values: Record<string, string>; created: boolean } {
  const existing = readExisting(file);
  if (existing) return { values: existing, created: false };
  const values = { [KEYS]: `local:${randomBytes(32).toString('base64')}`, [TOKEN]: `kld_${randomBytes(24).toString('hex')}` };
  const text = [
    '# Development keyring and admin token, made by `npm start` because no master key',
    '# was configured. Not for production: anyone who reads this file can decrypt',
    '# every secret of the local database. To use the CLI against the local API:',
    '#   set -a; . .keyledger/local.env; set +a',
    `${KEYS}=${values[KEYS]}`,
    `${TOKEN}=${values[TOKEN]}`,
    `KEYLEDGER_TOKEN=${values[TOKEN]}`,
    '',
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two starts at once never overwrite each other's keyring.
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    const raced = readExisting(file);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && raced) return { values: raced, created: false };
    throw error;
  }
  return { values, created: true };
}

function readExisting(file: string): Record<string, string> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const [, name, value] = /^\s*([A-Z_]+)=(.*)$/.exec(line) ?? [];
    if (name !== undefined && value !== undefined) values[name] = value.trim();
  }
  if (!values[KEYS] || !values[TOKEN]) {
    throw new ConfigError(`${file} has no ${KEYS} or ${TOKEN}: delete it to have npm start make a new development keyring`);
  }
  return values;
}
