import pg from 'pg';

// 42P04 duplicate_database; 23505 when two creators race on pg_database's
// unique index. Either way the database now exists, which is all we want.
const ALREADY_EXISTS = new Set(['42P04', '23505']);

const DATABASE_EXISTS = 'select 1 from pg_database where datname = $1';

/** Name of the database a connection URL points at. */
export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (name === '') throw new Error(`database URL names no database: ${redact(databaseUrl)}`);
  return name;
}

/** Same server and credentials, `postgres` maintenance database. */
export function maintenanceUrlOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** CREATE DATABASE if missing; safe to call from several processes at once. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  const client = new pg.Client({ connectionString: maintenanceUrlOf(databaseUrl) });
  await client.connect();
  try {
    const found = await client.query(DATABASE_EXISTS, [name]);
    if (found.rowCount !== 0) return;
    await client.query(`create database ${quoteIdent(name)}`);
  } catch (error) {
    if (!ALREADY_EXISTS.has((error as { code?: string }).code ?? '')) throw error;
  } finally {
    await client.end();
  }
}

/** DROP DATABASE IF EXISTS, ending its sessions: for tests and benchmarks that start clean. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrlOf(databaseUrl) });
  await client.connect();
  try {
    await client.query(`drop database if exists ${quoteIdent(databaseNameOf(databaseUrl))} with (force)`);
  } finally {
    await client.end();
  }
}

function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '<unparseable url>';
  }
}
