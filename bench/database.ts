// Fresh databases for every run, migrated with Keyledger's own migrations.
import pg from 'pg';
import { dropDatabase, ensureDatabase, migrate, openOrm, quoteIdent } from '#database';
import { databaseUrl } from './settings.js';

const SELECT_CREDENTIAL = 'select * from kl_credentials where id = $1';
const SELECT_DATA_KEYS = 'select * from kl_data_keys where credential_id = $1';
const COUNT_CREDENTIALS = 'select count(*)::int as n from kl_credentials';
// Order-independent fingerprint of the whole read model: equal before and
// after a rebuild if replay gives the same result.
const DIGEST_CREDENTIALS = `select md5(coalesce(string_agg(to_jsonb(c)::text, ',' order by c.id), '')) as digest
  from kl_credentials c`;

/** Drops the database, creates it again and applies every migration. */
export async function recreateDatabase(name: string): Promise<void> {
  const url = databaseUrl(name);
  await dropDatabase(url);
  await ensureDatabase(url);
  const orm = await openOrm(url, { poolMax: 1 });
  try {
    await migrate(orm);
  } finally {
    await orm.close(true);
  }
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Copies one credential's read-model row and data keys from Keyledger's
 * database to the baseline's, so the baseline's SELECT reads the same row.
 */
export async function copyCredential(fromDatabase: string, toDatabase: string, credentialId: string): Promise<void> {
  const rows = await withClient(databaseUrl(fromDatabase), async (client) => ({
    credential: (await client.query(SELECT_CREDENTIAL, [credentialId])).rows,
    keys: (await client.query(SELECT_DATA_KEYS, [credentialId])).rows,
  }));
  if (rows.credential.length !== 1 || rows.keys.length === 0) {
    throw new Error(`credential ${credentialId} or its data key is missing from ${fromDatabase}`);
  }
  await withClient(databaseUrl(toDatabase), async (client) => {
    for (const key of rows.keys) await insertRow(client, 'kl_data_keys', key);
    await insertRow(client, 'kl_credentials', rows.credential[0]);
  });
}

async function insertRow(client: pg.Client, table: string, row: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(row);
  const params = columns.map((_, i) => `$${i + 1}`).join(', ');
  const values = columns.map((c) => (isJsonObject(row[c]) ? JSON.stringify(row[c]) : row[c]));
  await client.query(`insert into ${table} (${columns.map(quoteIdent).join(', ')}) values (${params})`, values);
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}

export interface ReadModelState {
  credentials: number;
  digest: string;
}

export function readModelState(database: string): Promise<ReadModelState> {
  return withClient(databaseUrl(database), async (client) => ({
    credentials: (await client.query(COUNT_CREDENTIALS)).rows[0].n as number,
    digest: (await client.query(DIGEST_CREDENTIALS)).rows[0].digest as string,
  }));
}
