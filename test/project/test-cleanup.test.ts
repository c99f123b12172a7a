import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
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
// globalTeardown must drop both. The inner jest runs in a directory of its
// own, so its test namespace (and so what its teardown drops) is not this
// checkout's, whose suites may be running at the same time.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const JEST = join(ROOT, 'node_modules/jest/bin/jest.js');

it('a suite that fails before cleaning up leaves no database and no Redis key', async () => {
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'kl-cleanup-')));
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

  const made = JSON.parse(readFileSync(join(cwd, 'made.json'), 'utf8')) as { database: string; redisPrefix: string };
  const database = new URL(made.database).pathname.slice(1);
  expect(database).toMatch(/^kl_test_[0-9a-f]{6}_leaky_fixture$/);

  const client = new pg.Client({ connectionString: testDatabaseUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query('select datname from pg_database where datname = $1', [database]);
    expect(rows).toEqual([]);
  } finally {
    await client.end();
  }
  const redis = new Redis(DEFAULT_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    expect(await redis.keys(`${made.redisPrefix}:*`)).toEqual([]);
  } finally {
    redis.disconnect();
  }
}, 120_000);
