// The rows of an old store's table: read from its PostgreSQL in a read-only
// transaction (nothing is ever written there), or from a dump of the table
// as JSON lines, one `row_to_json` object a line, which is also what the
// database read produces, so both go through the same mapping:
//
//   psql "$OLD_DATABASE_URL" -Atc 'select row_to_json(t) from credentials t' > credentials.jsonl
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { CliError, UsageError } from '../../errors.js';

export type Row = Record<string, unknown>;

export interface RowSource {
  /** A PostgreSQL URL of the old store (never echoed: it may hold a password). */
  database?: string;
  /** A JSON-lines dump of the table. */
  file?: string;
}

/** One option or the other, never both nor neither. */
export function rowSourceOf(o: { fromDatabase?: string; fromFile?: string }): RowSource {
  if (o.fromDatabase && o.fromFile) throw new UsageError('give --from-database or --from-file, not both');
  if (!o.fromDatabase && !o.fromFile)
    throw new UsageError('give --from-database URL (the old PostgreSQL) or --from-file PATH (a JSON-lines dump)');
  return o.fromDatabase ? { database: o.fromDatabase } : { file: o.fromFile! };
}

/** `credentials` or `secrets.host_credentials`: plain identifiers only, quoted for the query. */
export function quoteTable(table: string): string {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((part) => /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(part))) {
    throw new UsageError('--table must be a table name, optionally with its schema (secrets.host_credentials)');
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/** Rows of the tables, by table, read in one read-only transaction; with `optional`, a missing table is left out. */
export async function readDatabaseTables(url: string, tables: string[], o: { optional?: boolean } = {}): Promise<Map<string, Row[]>> {
  const client = new pg.Client({ connectionString: url, application_name: 'keyledger-import' });
  await client.connect().catch((error: Error) => {
    throw new CliError(`cannot connect to the old database: ${error.message}`);
  });
  try {
    await client.query('begin transaction isolation level repeatable read read only');
    const found = new Map<string, Row[]>();
    for (const table of tables) {
      if (o.optional && !(await exists(client, table))) continue;
      found.set(table, await selectRows(client, table));
    }
    await client.query('rollback');
    return found;
  } finally {
    await client.end();
  }
}

async function exists(client: pg.Client, table: string): Promise<boolean> {
  const result = await client.query<{ found: boolean }>('select to_regclass($1) is not null as found', [quoteTable(table)]);
  return result.rows[0]!.found;
}

async function selectRows(client: pg.Client, table: string): Promise<Row[]> {
  try {
    const result = await client.query<{ row: string }>(`select row_to_json(t)::text as row from ${quoteTable(table)} t order by t.id`);
    return result.rows.map((r) => JSON.parse(r.row) as Row);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P01') throw new CliError(`the old database has no table ${table} (--table names another)`);
    if (code === '42703') throw new CliError(`the table ${table} has no id column: is it the old store's table?`);
    if (code === '42501') throw new CliError(`the old database refuses to let this user read ${table}`);
    throw error;
  }
}

/** A JSON-lines dump: one object a line, blank lines ignored; an error names the line, never its content. */
export async function readRowFile(path: string): Promise<Row[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const rows: Row[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw new UsageError(`${path}: line ${index + 1} is not JSON (expected one row_to_json object a line)`);
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw new UsageError(`${path}: line ${index + 1} is not a JSON object`);
      rows.push(row as Row);
    });
  return rows;
}

/** The rows of one table, from the database or its dump. */
export async function readRows(source: RowSource, table: string): Promise<Row[]> {
  if (source.file) return readRowFile(source.file);
  return (await readDatabaseTables(source.database!, [table])).get(table)!;
}

/** A column as text: strings as they are, numbers as digits; null, absent and '' as undefined. */
export function text(row: Row, column: string): string | undefined {
  const value = row[column];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** A JSON column: jsonb arrives as an object, a text column holding JSON as a string. Not an object: undefined. */
export function jsonObject(row: Row, column: string): Record<string, unknown> | undefined {
  let value = row[column];
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A `timestamp` column (no zone, as row_to_json writes it) read as UTC; ISO with a zone as it is. */
export function instant(row: Row, column: string): string | undefined {
  const value = text(row, column);
  if (value === undefined) return undefined;
  const withZone = /(Z|[+-]\d\d(:?\d\d)?)$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(withZone.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
