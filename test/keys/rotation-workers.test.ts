import pg from 'pg';
import { verifyLog, readStream } from '#event-store';
import { SEAL_KEY_OWNER } from '#secrets';
import { startTestApi, testEnv, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import {
  createCredentials,
  keyCounts,
  keyProvider,
  NEW_KEY,
  NO_HEALTH_SCHEDULE,
  NO_REVEAL_LIMIT,
  OLD_KEYS,
  ROTATED_KEYS,
  wrongReveals,
} from '../support/key-rotation.js';
import { run, type Run } from '../support/processes.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

// Invariant 3 end to end: two compiled worker processes rotate a few thousand
// data keys through the job dispatcher; one is killed with SIGKILL in the
// middle of a batch (held there by a row lock this test takes) and restarted.
const SUITE = 'keys_workers';
const CREDENTIALS = 2000;
const prefix = testRedisPrefix(SUITE);

let db: TestDatabase;
let api: TestApi;
let secrets: Map<string, string>;
const workers: Run[] = [];

const sql = <T = any>(query: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(query, params);

function startWorker(name: string): Promise<Run> {
  // PGAPPNAME (read by pg itself) tells this test which worker a database session belongs to.
  const env = testEnv(db.url, {
    KEYLEDGER_MASTER_KEYS: ROTATED_KEYS,
    KEYLEDGER_REDIS_PREFIX: prefix,
    KEYLEDGER_ROTATION_BATCH_SIZE: '100',
    KEYLEDGER_ROTATION_CONCURRENCY: '2',
    PGAPPNAME: name,
    ...NO_HEALTH_SCHEDULE,
  });
  return run('apps/worker/src/main.js', env, (out) => out.includes('connected to Postgres and Redis')).then((worker) => {
    workers.push(worker);
    if (worker.code !== null) throw new Error(`worker ${name} exited: ${worker.stderr}`);
    return worker;
  });
}

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  db = await createTestDatabase(SUITE);
  const before = await startTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: OLD_KEYS }, { database: db });
  secrets = await createCredentials(before, 'bulk', CREDENTIALS);
  await before.close();
  api = await startTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: ROTATED_KEYS, ...NO_REVEAL_LIMIT }, { database: db });
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await api.close();
  await db.close();
  await deleteRedisKeys(prefix);
});

it('completes across two workers, one killed mid-batch and restarted: every key rewrapped exactly once, every secret intact', async () => {
  const blocker = new pg.Client({ connectionString: db.url });
  await blocker.connect();
  // Batches lock their data-key rows: while this holds the table, every batch taken waits in its transaction.
  // (A table lock takes no transaction id, so the dispatcher still sees the request: a row lock would hold it back.)
  await blocker.query('begin');
  await blocker.query('lock table kl_data_keys in exclusive mode');
  let killed: Run;
  try {
    const [a, b] = await Promise.all([startWorker('keys_worker_a'), startWorker('keys_worker_b')]);
    const rotationId = (await api.request('POST', '/v1/keys/rotations')).json().rotationId as string;

    const waiting = () =>
      sql<{ app: string }>(
        `select application_name as app from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
        and application_name like 'keys_worker_%' and query like '%from kl_data_keys%'`,
      );
    await eventually(async () => (await waiting()).length > 0, 20_000, 'a batch waiting on the data-key rows');
    const victim = (await waiting())[0]!.app;
    killed = victim === 'keys_worker_a' ? a : b;
    expect(await killed.kill('SIGKILL')).toBeNull();
    await blocker.query('commit');
    await startWorker(victim);

    const progress = async () => (await api.request('GET', `/v1/keys/rotations/${rotationId}`)).json();
    await eventually(async () => (await progress()).status === 'completed', 90_000, 'rotation completed');
    expect(await progress()).toMatchObject({ status: 'completed', total: CREDENTIALS, done: CREDENTIALS, failed: 0 });

    // No data key lost, duplicated or left behind; each one unwraps with the new key alone.
    expect(await keyCounts(api)).toEqual({ k2: CREDENTIALS, k1: 0 });
    const rows = await sql<{ dek_id: string; wrapped: string; credential_id: string }>(
      'select dek_id, wrapped, credential_id from kl_data_keys where rewrapped_at is not null and credential_id <> ?',
      [SEAL_KEY_OWNER],
    );
    expect(rows).toHaveLength(CREDENTIALS);
    expect(new Set(rows.map((r) => r.credential_id))).toEqual(new Set(secrets.keys()));
    const newKeyOnly = keyProvider(NEW_KEY);
    await Promise.all(rows.map((r) => newKeyOnly.unwrapKey(r.wrapped, r.dek_id)));
    // Each key counted in exactly one committed batch: a batch cut off by the kill counted nothing.
    const stream = await readStream(db.orm.em.fork(), `key-rotation-${rotationId}`);
    const batches = stream.events.filter((e) => e.type === 'KeyRotationBatchCompleted');
    expect(batches.reduce((sum, e) => sum + e.data.done, 0)).toBe(CREDENTIALS);
    expect(batches.map((e) => e.data.batch)).toEqual(batches.map((_, i) => i + 1));
    expect(stream.events.filter((e) => e.type === 'KeyRotationCompleted')).toHaveLength(1);

    expect(await wrongReveals(api, secrets)).toEqual([]);
    expect((await verifyLog(db.orm.em.fork())).ok).toBe(true);
  } finally {
    await blocker.end();
  }
  const running = workers.filter((w) => w !== killed!);
  expect(await Promise.all(running.map((w) => w.kill()))).toEqual(running.map(() => 0));
}, 180_000);
