import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '#config';
import { testDatabaseUrl } from '../support/database.js';
import { live } from '../support/live-process.js';

// A failing suite leaves nothing: jest runs a fixture suite that makes a
// database and Redis keys, never drops them and fails; the project's
// globalTeardown must drop both, unless another jest run of the same
// checkout is still going. The inner jest runs in a directory of its own, so
// its test namespace (and so what its teardown drops) is not this
// checkout's, whose suites may be running at the same time.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');

interface Leftovers {
  database: string;
  redisPrefix: string;
}

/** Runs the failing fixture suite in a jest of its own, in `cwd`; what it made. */
async function runFailingSuite(cwd: string): Promise<Leftovers> {
  const config = join(cwd, 'jest.config.mjs');
  writeFileSync(
    config,
    [
      `import base from ${JSON.stringify(join(ROOT, 'jest.config.js'))};`,
      `const integration = base.projects.find((project) => project.displayName === 'integration');`,
      `export default { ...base, rootDir: ${JSON.stringify(ROOT)}, projects: [{ ...integration, rootDir: ${JSON.stringify(ROOT)},`,
      `  testMatch: ['<rootDir>/test/support/fixtures/failing-suite.ts'] }] };`,
    ].join('\n'),
  );
  const jest = live(
    spawn(process.execPath, [JEST, '--config', config, '--ci'], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
    110_000,
  );
  expect(await jest.exit()).toBe(1);
  expect(jest.output()).toContain('a suite that cleans up after itself');
  const made = JSON.parse(readFileSync(join(cwd, 'made.json'), 'utf8')) as Leftovers;
  const database = new URL(made.database).pathname.slice(1);
  expect(database).toMatch(/^kl_test_[0-9a-f]{6}_leaky_fixture$/);
  return { database, redisPrefix: made.redisPrefix };
}

async function databaseExists(database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query('select datname from pg_database where datname = $1', [database]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

async function dropDatabase(database: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl('postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
}

async function redisKeys(prefix: string): Promise<string[]> {
  const redis = new Redis(DEFAULT_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    return await redis.keys(`${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}

const scratch = (): string => realpathSync(mkdtempSync(join(tmpdir(), 'kl-cleanup-')));

it('a suite that fails before cleaning up leaves no database and no Redis key', async () => {
  const made = await runFailingSuite(scratch());
  expect(await databaseExists(made.database)).toBe(false);
  expect(await redisKeys(made.redisPrefix)).toEqual([]);
}, 120_000);

it('leaves the leftovers alone while another jest run of the same checkout is going on', async () => {
  const cwd = scratch();
  // This test's own process stands in for the other run: alive, registered
  // where the inner run's teardown looks (test/support/test-runs.js).
  const namespace = `kl_test_${createHash('sha256').update(cwd).digest('hex').slice(0, 6)}_`;
  const runs = join(tmpdir(), `keyledger-jest-runs-${namespace}`);
  mkdirSync(runs, { recursive: true });
  writeFileSync(join(runs, String(process.pid)), '');
  let made: Leftovers | undefined;
  try {
    made = await runFailingSuite(cwd);
    expect(await databaseExists(made.database)).toBe(true);
    expect(await redisKeys(made.redisPrefix)).toHaveLength(1);
  } finally {
    rmSync(runs, { recursive: true, force: true });
    if (made) {
      await dropDatabase(made.database);
      const redis = new Redis(DEFAULT_REDIS_URL, { maxRetriesPerRequest: 1 });
      await redis.del(`${made.redisPrefix}:left`);
      redis.disconnect();
    }
  }
}, 120_000);
