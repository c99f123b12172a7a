import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEFAULT_DATABASE_URL } from '#config';
import { dropDatabase, ensureDatabase, migrate, openOrm } from '#database';

export interface TestDatabase {
  orm: MikroORM;
  url: string;
  close(): Promise<void>;
}

const SUITE = /^[a-z0-9_]{1,40}$/;

/** `kl_test_<suite>`: one database per test file, so files run in parallel. */
export function testDatabaseName(suite: string): string {
  if (!SUITE.test(suite)) throw new Error(`test suite name must match ${SUITE}: "${suite}"`);
  return `kl_test_${suite}`;
}

/** URL of `database` on the default test server. */
export function testDatabaseUrl(database: string): string {
  const url = new URL(DEFAULT_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A raw pg client on the test server (for tests that need their own connection). */
export async function connectRaw(database: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(database) });
  await client.connect();
  return client;
}

/** A fresh, migrated database for one test file; a rerun starts clean. */
export async function createTestDatabase(suite: string): Promise<TestDatabase> {
  const url = testDatabaseUrl(testDatabaseName(suite));
  await dropDatabase(url);
  await ensureDatabase(url);
  const orm = await openOrm(url);
  await migrate(orm);
  return { orm, url, close: () => orm.close(true) };
}
