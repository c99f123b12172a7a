import pg from 'pg';
import { readStream, verifyLog } from '#event-store';
import { ADMIN_TOKEN, startTestApi, testEnv } from '../support/api.js';
import { eventually } from '../support/async.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { NEW_KEY, OLD_KEYS, ROTATED_KEYS } from '../support/key-rotation.js';
import { answer, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { runApi, runWorker, type ApiRun, type Run } from '../support/processes.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

// Two compiled API processes and two compiled workers on one Postgres and one
// Redis, under reveals, creates and rotations spread over both APIs, while a
// master-key rotation (reencrypt) and health checks scheduled every second
// run; one worker is killed with SIGKILL in the middle of a rotation batch.
// Every job must run exactly once in effect, every secret read back right,
// and every reveal served must have its access record.
const SUITE = 'cluster_processes';
const prefix = testRedisPrefix(SUITE);
/** Credentials made before the rotation; the first TESTED of them are health-checked against a loopback site. */
const SEEDED = 80;
const TESTED = 12;
const REVEAL_LANES = 3;

let db: TestDatabase;
let site: LoopbackHttp;
const apis: ApiRun[] = [];
const workers = new Map<string, Run>();

/** id -> every secret it was given (a reveal racing a rotation may see either), and the one it has now. */
const given = new Map<string, Set<string>>();
const current = new Map<string, string>();
const tested: string[] = [];
const seeded: string[] = [];

const sql = <T = any>(query: string, params: unknown[] = []) => db.orm.em.fork().execute<T[]>(query, params);

interface Answer {
  status: number;
  body: any;
}

async function call(api: ApiRun, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function remember(id: string, secret: string): void {
  if (!given.has(id)) given.set(id, new Set());
  given.get(id)!.add(secret);
}

function workerEnv(name: string): NodeJS.ProcessEnv {
  // PGAPPNAME (read by pg itself) tells this test which worker a database session belongs to.
  return testEnv(db.url, {
    KEYLEDGER_MASTER_KEYS: ROTATED_KEYS,
    KEYLEDGER_REDIS_PREFIX: prefix,
    KEYLEDGER_HEALTHCHECK_INTERVAL: '1s',
    KEYLEDGER_ROTATION_BATCH_SIZE: '10',
    KEYLEDGER_ROTATION_CONCURRENCY: '2',
    PGAPPNAME: name,
  });
}

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  db = await createTestDatabase(SUITE);
  site = await startLoopbackHttp((_, res) => answer(res, true));
  // Seeded under the old key alone, as before the new key was put first.
  const before = await startTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: OLD_KEYS }, { database: db });
  try {
    for (let n = 0; n < SEEDED; n++) {
      const secret = `seeded-${n}-${'s'.repeat(24)}`;
      const body =
        n < TESTED
          ? { name: `checked-${n}`, type: 'http_basic', username: 'app', secret, extra: { url: `${site.url}/ok` } }
          : { name: `seeded-${n}`, type: 'custom', secret };
      const reply = await before.request('POST', '/v1/credentials', { body });
      if (reply.statusCode !== 201) throw new Error(`seeding answered ${reply.statusCode}: ${reply.body}`);
      const { id } = reply.json();
      remember(id, secret);
      current.set(id, secret);
      seeded.push(id);
      if (n < TESTED) tested.push(id);
    }
  } finally {
    await before.close();
  }
  const apiEnv = testEnv(db.url, {
    KEYLEDGER_MASTER_KEYS: ROTATED_KEYS,
    KEYLEDGER_REDIS_PREFIX: prefix,
    KEYLEDGER_REVEAL_RATE_LIMIT: '1000000',
  });
  // Each one is kept as soon as it serves, so that afterAll stops it even if another did not start.
  const started = await Promise.allSettled([
    runApi(apiEnv).then((api) => void apis.push(api)),
    runApi(apiEnv).then((api) => void apis.push(api)),
    ...['cluster_worker_a', 'cluster_worker_b'].map((name) => runWorker(workerEnv(name)).then((worker) => void workers.set(name, worker))),
  ]);
  for (const result of started) if (result.status === 'rejected') throw result.reason;
}, 420_000);

afterAll(async () => {
  // The test stops them cleanly itself; whatever is left after a failure goes at once.
  await Promise.all([...apis, ...workers.values()].map((p) => p.kill('SIGKILL')));
  await site?.close();
  await db?.close();
  await deleteRedisKeys(prefix);
});

/** Scheduled results per tested credential: [stream id, slot] of every CredentialTestSucceeded/Failed with a slot. */
const scheduledResults = () =>
  sql<{ stream_id: string; type: string; slot: string }>(
    `select stream_id, type, data->>'slot' as slot from kl_events
     where type in ('CredentialTestSucceeded', 'CredentialTestFailed') and data->>'slot' is not null`,
  );

/** True once every tested credential has `count` scheduled results with a slot after `after`. */
async function slotsAfter(after: string, count: number): Promise<boolean> {
  const results = await scheduledResults();
  return tested.every((id) => results.filter((r) => r.stream_id === `credential-${id}` && r.slot > after).length >= count);
}

it('runs every job once in effect across two APIs and two workers under load, one worker killed mid-batch', async () => {
  const unexpected: string[] = [];
  const served = new Map<string, number>();
  const countServed = (id: string) => served.set(id, (served.get(id) ?? 0) + 1);
  let loading = true;

  const revealLane = async (lane: number) => {
    for (let n = 0; loading; n++) {
      const ids = [...current.keys()];
      const id = ids[(lane * 7919 + n * 104_729) % ids.length]!;
      const reply = await call(apis[(lane + n) % 2]!, 'POST', `/v1/credentials/${id}/reveal`);
      if (reply.status !== 200) unexpected.push(`reveal ${reply.status} ${JSON.stringify(reply.body)}`);
      else {
        countServed(id);
        if (!given.get(id)!.has(reply.body.secret)) unexpected.push(`reveal of ${id} answered a secret it was never given`);
      }
    }
  };
  // Each write lane rotates its own half of the seeded credentials, so the last answered rotation is the current secret.
  const writeLane = async (lane: number) => {
    const mine = seeded.filter((_, i) => i % 2 === lane);
    for (let n = 0; loading; n++) {
      const api = apis[lane]!;
      if (n % 2 === 0) {
        const secret = `created-${lane}-${n}-${'c'.repeat(24)}`;
        const reply = await call(api, 'POST', '/v1/credentials', { name: `load-${lane}-${n}`, type: 'custom', secret });
        if (reply.status !== 201) unexpected.push(`create ${reply.status} ${JSON.stringify(reply.body)}`);
        else {
          remember(reply.body.id, secret);
          current.set(reply.body.id, secret);
        }
      } else {
        const id = mine[n % mine.length]!;
        const secret = `rotated-${lane}-${n}-${'r'.repeat(24)}`;
        remember(id, secret);
        const reply = await call(api, 'POST', `/v1/credentials/${id}/rotate`, { secret });
        if (reply.status !== 200) unexpected.push(`rotate ${reply.status} ${JSON.stringify(reply.body)}`);
        else current.set(id, secret);
      }
    }
  };
  const load = Promise.all([...Array.from({ length: REVEAL_LANES }, (_, i) => revealLane(i)), writeLane(0), writeLane(1)]);

  let rotationId = '';
  let killedName = '';
  let killedAt = '';
  const progress = async () => (await call(apis[1]!, 'GET', `/v1/keys/rotations/${rotationId}`)).body;
  const survivorOutput = () =>
    [...workers]
      .filter(([name]) => name !== killedName)
      .map(([name, w]) => `${name}:\n${(w.stdout + w.stderr).slice(-6000)}`)
      .join('\n');
  try {
    await eventually(() => slotsAfter('', 1), 30_000, 'a scheduled health check of every tested credential');
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      // Batches lock their data-key rows: while this holds the table, a batch taken waits in its transaction.
      // (A table lock takes no transaction id, so the dispatcher still sees the request.)
      await blocker.query('begin');
      await blocker.query('lock table kl_data_keys in exclusive mode');
      const requested = await call(apis[0]!, 'POST', '/v1/keys/rotations', { mode: 'reencrypt' });
      expect(requested.status).toBe(202);
      rotationId = requested.body.rotationId;
      const waiting = () =>
        sql<{ app: string }>(
          `select application_name as app from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
           and application_name like 'cluster_worker_%' and query ilike '%kl_data_keys%'`,
        );
      await eventually(async () => (await waiting()).length > 0, 30_000, 'a rotation batch waiting on the data-key rows');
      killedName = (await waiting())[0]!.app;
      killedAt = new Date().toISOString();
      expect(await workers.get(killedName)!.kill('SIGKILL')).toBeNull();
      await blocker.query('commit');
    } finally {
      await blocker.end();
    }

    await eventually(async () => ['completed', 'failed'].includes((await progress()).status), 180_000, 'rotation ended').catch(
      async (error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await progress())}\n${survivorOutput()}`);
      },
    );
    // The surviving worker keeps the schedule: two more slots of every tested credential after the kill.
    await eventually(() => slotsAfter(killedAt, 2), 90_000, 'scheduled health checks after the kill');
  } finally {
    loading = false;
    await load;
  }
  expect(unexpected).toEqual([]);

  // The rotation: every data key planned re-encrypted exactly once, in batches each counted once, ended once.
  const rotation = await progress();
  expect(rotation).toMatchObject({ status: 'completed', failed: 0, done: rotation.total });
  expect(rotation.total).toBeGreaterThanOrEqual(SEEDED);
  const stream = await readStream(db.orm.em.fork(), `key-rotation-${rotationId}`);
  const batches = stream.events.filter((e) => e.type === 'KeyRotationBatchCompleted');
  expect(batches.reduce((sum, e) => sum + e.data.done, 0)).toBe(rotation.total);
  expect(batches.map((e) => e.data.batch)).toEqual(batches.map((_, i) => i + 1));
  expect(stream.events.filter((e) => e.type === 'KeyRotationCompleted')).toHaveLength(1);
  const reencrypted = await sql<{ stream_id: string; n: number }>(
    `select stream_id, count(*)::int as n from kl_events where type = 'SecretReencrypted' group by stream_id`,
  );
  expect(reencrypted.filter((r) => r.n !== 1)).toEqual([]);
  expect(seeded.filter((id) => !reencrypted.some((r) => r.stream_id === `credential-${id}`))).toEqual([]);
  const kek = NEW_KEY.split(':')[0];
  expect(await sql(`select kek_id, count(*)::int as n from kl_data_keys where kek_id <> ? group by kek_id`, [kek])).toEqual([]);

  // Health checks: at most one result per credential and slot, all of them successes.
  const results = await scheduledResults();
  const slots = results.map((r) => `${r.stream_id} ${r.slot}`);
  expect(slots.filter((s, i) => slots.indexOf(s) !== i)).toEqual([]);
  expect(results.filter((r) => r.type !== 'CredentialTestSucceeded')).toEqual([]);

  // Every secret reads back as last written, through either API.
  let i = 0;
  for (const [id, secret] of current) {
    const reply = await call(apis[i++ % 2]!, 'POST', `/v1/credentials/${id}/reveal`);
    expect({ id, status: reply.status, matches: reply.body?.secret === secret }).toEqual({ id, status: 200, matches: true });
    countServed(id);
  }

  // Every reveal served has its access record, and no record stands for a reveal that was not served.
  const recorded = await sql<{ id: string; n: number }>(
    `select data->>'credentialId' as id, count(*)::int as n from kl_events where type = 'SecretRevealed' group by 1`,
  );
  expect(new Map(recorded.map((r) => [r.id, r.n]))).toEqual(served);
  expect((await verifyLog(db.orm.em.fork())).ok).toBe(true);

  // The surviving worker exits 0 on SIGTERM; the API processes close (Nest then ends them by the signal itself),
  // and neither of them logged an error through the whole run.
  expect(await workers.get(killedName === 'cluster_worker_a' ? 'cluster_worker_b' : 'cluster_worker_a')!.kill()).toBe(0);
  for (const api of apis) {
    await api.kill();
    expect(api.stdout).not.toContain('"level":50');
  }
}, 480_000);
