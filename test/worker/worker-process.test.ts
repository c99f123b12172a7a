import { singleRow } from '#database';
import { testEnv } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { run } from '../support/processes.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

const prefix = testRedisPrefix('worker_process');
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('worker_process');
});
afterAll(async () => {
  await db.close();
  await deleteRedisKeys(prefix);
});

it('runs the dispatcher until SIGTERM, then closes its workers and exits 0', async () => {
  const worker = await run('apps/worker/src/main.js', testEnv(db.url, { KEYLEDGER_REDIS_PREFIX: prefix }), (out) =>
    out.includes('connected to Postgres and Redis'),
  );
  const dispatching = async () =>
    singleRow(await db.orm.em.fork().execute(`select count(*)::int as n from kl_projection_checkpoints where name = 'job-dispatch'`)).n ===
    1;
  const deadline = Date.now() + 10000;
  while (!(await dispatching()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(await dispatching()).toBe(true);
  expect(await worker.kill()).toBe(0);
  expect(worker.stderr).toBe('');
}, 30000);
