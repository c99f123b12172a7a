import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fernet from 'fernet';
import type pg from 'pg';
import { dropDatabase, ensureDatabase } from '#database';
import { connectRaw, testDatabaseName, testDatabaseUrl } from './database.js';
import type { HttpTestApi } from './http-api.js';

// The stores Keyledger replaces, rebuilt for import tests: a scratch
// PostgreSQL database (kl_test_<checkout>_<suite>, dropped at the end) and
// their encryption done by reference implementations.

export interface ScratchDatabase {
  url: string;
  client: pg.Client;
  /** A digest of every row of the table: equal before and after means unchanged. */
  digest(table: string): Promise<string>;
  drop(): Promise<void>;
}

export async function createScratchDatabase(suite: string): Promise<ScratchDatabase> {
  const name = testDatabaseName(suite);
  const url = testDatabaseUrl(name);
  await dropDatabase(url);
  await ensureDatabase(url);
  const client = await connectRaw(name);
  return {
    url,
    client,
    async digest(table) {
      const result = await client.query<{ digest: string }>(
        `select md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' order by t.id), '')) as digest from ${table} t`,
      );
      return result.rows[0]!.digest;
    },
    async drop() {
      await client.end();
      await dropDatabase(url);
    },
  };
}

/** A Fernet token of `plaintext` under `key`, by the fernet package. */
export function fernetSeal(plaintext: string, key: string): string {
  return new fernet.Token({ secret: new fernet.Secret(key), ttl: 0 }).encode(plaintext);
}

/** `key` as Fernet.generate_key() prints it: 32 bytes of `byte`, URL-safe base64. */
export function fernetKey(byte: number): string {
  return `${Buffer.alloc(32, byte).toString('base64url')}=`;
}

/** The token with one ciphertext bit flipped: its HMAC no longer matches. */
export function tamperFernet(token: string): string {
  const bytes = Buffer.from(token, 'base64url');
  bytes[40]! ^= 0x01;
  return bytes.toString('base64url');
}

/** A temporary directory and a writer of files in it. */
export function scratchFiles(prefix: string): (name: string, text: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return (name, text) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
}

export interface ImportedCredential {
  id: string;
  name: string;
  type: string;
  host: string | null;
  username: string | null;
  purpose: string | null;
  labels: string[];
  description: string | null;
  extra: Record<string, unknown>;
  expiresAt: string | null;
}

/** The credential of this exact name, through the API (undefined when none). */
export async function credentialNamed(api: HttpTestApi, name: string): Promise<ImportedCredential | undefined> {
  const found = (await api.request('GET', `/v1/credentials?q=${encodeURIComponent(name)}`)).json().credentials as ImportedCredential[];
  return found.find((c) => c.name === name);
}

/** Its secret, revealed through the API. */
export async function revealNamed(api: HttpTestApi, name: string): Promise<string> {
  const credential = await credentialNamed(api, name);
  if (!credential) throw new Error(`no credential named ${name}`);
  return (await api.request('POST', `/v1/credentials/${credential.id}/reveal`)).json().secret;
}
