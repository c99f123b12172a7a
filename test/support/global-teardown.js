// jest's globalTeardown: whatever a test file left of this checkout's
// databases and Redis keys (a suite that crashed before its afterAll, a
// process that outlived its test) is dropped once every file has run. The
// helpers drop their own on close; this is the net under them. Other
// checkouts' resources carry another namespace and are left alone.
//
// Plain JavaScript: jest loads this file outside the test projects, without
// their transform and `#lib` mapping. Its prefix is the one namespace.ts
// derives (`kl_test_<sha256 of the checkout path, 6 hex>_`);
// test/project/test-cleanup.test.ts fails if the two drift apart.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

const SERVER = 'postgres://postgres@127.0.0.1:5432';
const REDIS = 'redis://127.0.0.1:6379';

export default async function dropLeftoverTestResources() {
  const prefix = `kl_test_${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 6)}_`;
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
