import { dropDatabase } from '#database';
import { testDatabaseName, testDatabaseUrl } from '../support/database.js';
import { openAiCredential, startTestApi, testEnv, type TestApi } from '../support/api.js';
import { run } from '../support/processes.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

const OTHER_KEY = Buffer.alloc(32, 9).toString('base64');

describe('start-up refuses a bad master key with one clear line', () => {
  it.each([
    ['missing', {}],
    ['malformed', { KEYLEDGER_MASTER_KEYS: 'k1:not-base64!' }],
    ['too short', { KEYLEDGER_MASTER_KEYS: `k1:${Buffer.alloc(16).toString('base64')}` }],
  ])('%s key', async (_, keys) => {
    const env = { ...testEnv('postgres://postgres@127.0.0.1:5432/kl_test_unused'), KEYLEDGER_MASTER_KEYS: '', ...keys };
    const result = await run('apps/api/src/main.js', env);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/KEYLEDGER_MASTER_KEY/);
    expect(lines[0]).toMatch(/openssl rand -base64 32/);
  });
});

describe('a master key that cannot unwrap the stored data keys', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('startup_wrong_key');
    await api.request('POST', '/v1/credentials', { body: openAiCredential('guarded') });
  });
  afterAll(() => api.close());

  const counts = async () =>
    (
      await api.orm.em.fork().execute(`select (select count(*) from kl_events) as events, (select count(*) from kl_data_keys) as keys,
      (select count(*) from kl_credentials) as creds, (select count(*) from kl_migrations) as migrations`)
    )[0];

  it.each(['apps/api/src/main.js', 'apps/worker/src/main.js', 'scripts/migrate.js'])(
    'stops %s before anything is written',
    async (entry) => {
      const before = await counts();
      const result = await run(entry, testEnv(api.databaseUrl, { KEYLEDGER_MASTER_KEYS: `k1:${OTHER_KEY}` }));
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/master key "k1" cannot unwrap/);
      expect(await counts()).toEqual(before);
    },
  );

  it('names a master key that went missing from the keyring', async () => {
    const result = await run('apps/api/src/main.js', testEnv(api.databaseUrl, { KEYLEDGER_MASTER_KEYS: `k2:${OTHER_KEY}` }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/wrapped by master key "k1", which is not in KEYLEDGER_MASTER_KEYS/);
  });
});

it('npm start path: creates the database, migrates, serves the API and runs the worker until SIGTERM', async () => {
  const url = testDatabaseUrl(testDatabaseName('startup_fresh'));
  const prefix = testRedisPrefix('startup_fresh');
  await dropDatabase(url);
  const port = String(20000 + Math.floor(Math.random() * 20000));
  const started = await run(
    'scripts/start.js',
    { ...testEnv(url), PORT: port, HOST: '127.0.0.1', KEYLEDGER_REDIS_PREFIX: prefix },
    (out) => out.includes('connected to Postgres and Redis') && out.includes('"msg":"keyledger started"'),
  );
  try {
    // Not a terminal: JSON lines, and none of Nest's module and route wiring at info.
    const logs = started.stdout.split('\n').filter((line) => line.startsWith('{'));
    expect(logs.length).toBeGreaterThan(1);
    expect(logs.length).toBeLessThan(20);
    expect(started.stdout).not.toMatch(/RouterExplorer|InstanceLoader|RoutesResolver/);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    const list = await fetch(`http://127.0.0.1:${port}/v1/credentials`, {
      headers: { authorization: `Bearer ${testEnv(url).KEYLEDGER_BOOTSTRAP_TOKEN}` },
    });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  } finally {
    expect(await started.kill()).toBe(0);
    await dropDatabase(url);
    await deleteRedisKeys(prefix);
  }
}, 90000);
