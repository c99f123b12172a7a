import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DEFAULT_DATABASE_URL } from '#config';
import { dropDatabase, ensureDatabase, migrate, openOrm } from '#database';
import { testResourceName } from './namespace.js';

export interface TestDatabase {
  orm: MikroORM;
  url: string;
  close(): Promise<void>;
}

/** One database per test file, so files run in parallel. */
export function testDatabaseName(suite: string): string {
  return testResourceName(suite);
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

/**
 * A fresh, migrated database for one test file; a rerun starts clean, and
 * close() drops it (connections of processes the test left running included).
 */
export async function createTestDatabase(suite: string): Promise<TestDatabase> {
  const url = testDatabaseUrl(testDatabaseName(suite));
  await dropDatabase(url);
  await ensureDatabase(url);
  const orm = await openOrm(url);
  await migrate(orm);
  return {
    orm,
    url,
    async close() {
      try {
        await orm.close(true);
      } finally {
        await dropDatabase(url);
      }
    },
  };
}
