// jest's globalTeardown: whatever a test file left of this checkout's
// databases and Redis keys (a suite that crashed before its afterAll, a
// process that outlived its test) is dropped once every file has run, unless
// another jest run of the same checkout is still going (it would lose the
// databases its files are using; the last run to end drops the leftovers).
// The helpers drop their own on close; this is the net under them. Other
// checkouts' resources carry another namespace and are left alone.
//
// Plain JavaScript: jest loads this file outside the test projects, without
// their transform and `#lib` mapping. Its prefix (test-runs.js) is the one
// namespace.ts derives; test/project/test-cleanup.test.ts fails if the two
// drift apart.
import pg from 'pg';
import { Redis } from 'ioredis';
import { endRun, namespacePrefix } from './test-runs.js';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const REDIS = 'redis://127.0.0.1:6379';

export default async function dropLeftoverTestResources() {
  if (!endRun()) return;
  const prefix = namespacePrefix();
  await dropDatabases(prefix);
  await deleteRedisKeys(prefix);
}

async function dropDatabases(prefix) {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    const pattern = `${prefix.replace(/_/g, '\\_')}%`;
    const { rows } = await client.query('select datname from pg_database where datname like $1', [pattern]);
    for (const { datname } of rows) {
      await client.query(`drop database if exists "${datname.replace(/"/g, '""')}" with (force)`);
    }
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(prefix) {
  const redis = new Redis(REDIS, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
