// Who the CLI talks to, as whom: --addr, then KEYLEDGER_ADDR, then the login
// file; KEYLEDGER_TOKEN, then the login file's token (only for the address
// it was stored for, so a token never goes to another server). An https://
// API signed by a private CA is trusted through --cacert or KEYLEDGER_CACERT.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { KeyledgerClient, type HttpTransport, type KeyledgerAdmin } from '#client';
import { loadCliSettings, type CliSettings } from '#config';
import { CliError } from './errors.js';
import { readLogin } from './login-file.js';

export const DEFAULT_ADDR = 'http://127.0.0.1:8080';
export const USER_AGENT = 'keyledger-cli/0.1';

export interface GlobalOptions {
  addr?: string;
  cacert?: string;
  json?: boolean;
}

export interface Session {
  api: HttpTransport;
  /** Principals, tokens, grants and `me`. */
  admin: KeyledgerAdmin;
  json: boolean;
  addr: string;
}

export async function openSession(options: GlobalOptions): Promise<Session> {
  const settings = loadCliSettings();
  const login = settings.token && (options.addr ?? settings.addr) ? null : await readLogin(settings.loginFile);
  const addr = normalise(options.addr ?? settings.addr ?? login?.addr ?? DEFAULT_ADDR);
  const token = settings.token ?? (login && normalise(login.addr) === addr ? login.token : null);
  if (!token) throw new CliError(`no token for ${addr}: set KEYLEDGER_TOKEN, or run keyledger login`);
  const ca = await readCaFile(options, settings);
  const client = new KeyledgerClient({ addr, token, userAgent: USER_AGENT, ...(ca ? { ca } : {}) });
  return { api: client.transport, admin: client.admin, json: options.json ?? false, addr };
}

/** The PEM of --cacert, else of KEYLEDGER_CACERT; null when neither is given (Node's bundled CAs then). */
export async function readCaFile(options: GlobalOptions, settings: CliSettings): Promise<string | null> {
  const path = options.cacert ?? settings.cacert;
  if (!path) return null;
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the CA file ${path} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CliError(`the CA file ${path} holds no PEM certificate`);
  return pem;
}

export function normalise(addr: string): string {
  let url: URL;
  try {
    url = new URL(addr);
  } catch {
    throw new CliError('the API address must be an http(s) URL such as http://127.0.0.1:8080');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError('the API address must be an http(s) URL');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export type Handler<O> = (session: Session, args: string[], options: O & GlobalOptions) => Promise<void>;

/** A commander action that gets a session, the positional arguments and every option (globals too). */
export function withSession<O>(handler: Handler<O>): (...all: unknown[]) => Promise<void> {
  return async (...all) => {
    const command = all.at(-1) as Command;
    const options = command.optsWithGlobals<O & GlobalOptions>();
    await handler(await openSession(options), command.processedArgs as string[], options);
  };
}

/** A fresh key per command: the transport may then retry a write without applying it twice. */
export function newIdempotencyKey(): string {
  return `cli-${randomUUID()}`;
}
