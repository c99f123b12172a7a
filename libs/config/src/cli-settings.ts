// The environment of the `keyledger` command-line tool, read here because
// this lib is the only reader of process.env. The CLI is a client: it needs
// where the API is, a token, the CA it trusts, and where `keyledger login` keeps them.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readRaw, readUrl } from './readers.js';

export interface CliSettings {
  /** KEYLEDGER_ADDR, when set: base URL of the API. */
  addr: string | null;
  /** KEYLEDGER_TOKEN, when set: wins over the login file. */
  token: string | null;
  /** KEYLEDGER_CACERT, when set: a PEM file of the CA(s) to trust for an https:// address, instead of the system store. */
  cacert: string | null;
  /** KEYLEDGER_CONFIG, else $XDG_CONFIG_HOME/keyledger/credentials, else ~/.config/keyledger/credentials. */
  loginFile: string;
}

export function loadCliSettings(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): CliSettings {
  const addr = readRaw(env, 'KEYLEDGER_ADDR') === undefined ? null : readUrl(env, 'KEYLEDGER_ADDR', '', ['http:', 'https:']);
  const configHome = readRaw(env, 'XDG_CONFIG_HOME') ?? join(home, '.config');
  return Object.freeze({
    addr,
    token: readRaw(env, 'KEYLEDGER_TOKEN') ?? null,
    cacert: readRaw(env, 'KEYLEDGER_CACERT') ?? null,
    loginFile: readRaw(env, 'KEYLEDGER_CONFIG') ?? join(configHome, 'keyledger', 'credentials'),
  });
}
