import { verifyLog } from '#event-store';
import { startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import {
  createCredentials,
  keyCounts,
  NO_HEALTH_SCHEDULE,
  NO_REVEAL_LIMIT,
  OLD_KEYS,
  ROTATED_KEYS,
  wrongReveals,
} from '../support/key-rotation.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';
import { startTestWorker, type TestWorker } from '../support/worker.js';

// Reads and writes keep working during a rotation: users create credentials
// and rotate secrets through the API while the worker (in this process, with
// its dispatcher and BullMQ processor) runs the rotation in small batches.
const SUITE = 'keys_concurrent_writes';
const prefix = testRedisPrefix(SUITE);

let db: TestDatabase;
let api: TestApi;
let worker: TestWorker;
/** id -> the secret a reveal must return. */
let secrets: Map<string, string>;
let writes = 0;

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  db = await createTestDatabase(SUITE);
  const before = await startTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: OLD_KEYS }, { database: db });
  secrets = await createCredentials(before, 'base', 400);
  await before.close();
  const env = { KEYLEDGER_MASTER_KEYS: ROTATED_KEYS, KEYLEDGER_REDIS_PREFIX: prefix, KEYLEDGER_ROTATION_BATCH_SIZE: '10' };
  api = await startTestApi(SUITE, { ...env, ...NO_REVEAL_LIMIT }, { database: db });
  worker = await startTestWorker(db.url, { ...env, ...NO_HEALTH_SCHEDULE });
}, 60_000);

afterAll(async () => {
  await worker.close();
  await api.close();
  await db.close();
  await deleteRedisKeys(prefix);
});

/**
 * One user write: a new credential, or a new secret for one of `own` (each
 * user has its own credentials: two users racing on one credential is a 409
 * by design). Throws unless it succeeded.
 */
async function userWrite(own: string[]): Promise<void> {
  const n = writes++;
  const secret = `sk-proj-user-${String(n).padStart(6, '0')}-${'u'.repeat(32)}`;
  if (n % 3 === 0) {
    const reply = await api.request('POST', '/v1/credentials', { body: { name: `user-${n}`, type: 'openai', secret } });
    if (reply.statusCode !== 201) throw new Error(`create answered ${reply.statusCode}: ${reply.body}`);
    secrets.set(reply.json().id, secret);
    own.push(reply.json().id);
    return;
  }
  const id = own[(n * 7919) % own.length]!;
  const reply = await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret } });
  if (reply.statusCode !== 200) throw new Error(`rotate answered ${reply.statusCode}: ${reply.body}`);
  secrets.set(id, secret);
}

/** Runs the rotation while `lanes` users write, until it has ended; returns its progress and the writes made meanwhile. */
async function rotateUnderWrites(mode: 'rewrap' | 'reencrypt', lanes = 3): Promise<{ progress: any; during: number }> {
  const started = writes;
  const reply = await api.request('POST', '/v1/keys/rotations', { body: { mode } });
  expect(reply.statusCode).toBe(202);
  const url = `/v1/keys/rotations/${reply.json().rotationId}`;
  let ended = false;
  const ids = [...secrets.keys()];
  const users = Array.from({ length: lanes }, async (_, lane) => {
    const own = ids.filter((_id, i) => i % lanes === lane);
    while (!ended) await userWrite(own);
  });
  try {
    await eventually(
      async () => ['completed', 'failed'].includes((await api.request('GET', url)).json().status),
      // About 10 s on an idle machine; a busy one (the suites run side by side) takes many times that.
      180_000,
      `${mode} rotation ended`,
    );
  } finally {
    ended = true;
    await Promise.all(users);
  }
  return { progress: (await api.request('GET', url)).json(), during: writes - started };
}

it('rewrap: every write made during the rotation succeeds and is kept; nothing is left under the old key', async () => {
  const { progress, during } = await rotateUnderWrites('rewrap');
  expect(progress).toMatchObject({ status: 'completed', failed: 0 });
  expect(during).toBeGreaterThan(10);
  expect(await keyCounts(api)).toEqual({ k2: secrets.size, k1: 0 });
  expect(await wrongReveals(api, secrets)).toEqual([]);
}, 240_000);

it('reencrypt: secrets rotated by users while their credential is re-encrypted stay theirs and decryptable', async () => {
  const dekBefore = new Map(
    (await db.orm.em.fork().execute<{ id: string; dek_id: string }[]>('select id, dek_id from kl_credentials')).map((r) => [
      r.id,
      r.dek_id,
    ]),
  );
  const { progress, during } = await rotateUnderWrites('reencrypt');
  // Credentials created between the request and the planning are in the work list too.
  expect(progress).toMatchObject({ status: 'completed', done: progress.total, failed: 0 });
  expect(progress.total).toBeGreaterThanOrEqual(dekBefore.size);
  expect(during).toBeGreaterThan(10);
  // Every credential that existed when the rotation started now has a fresh data key; the old ones are gone.
  const after = await db.orm.em
    .fork()
    .execute<{ id: string; dek_id: string }[]>('select id, dek_id from kl_credentials where id in (?)', [[...dekBefore.keys()]]);
  expect(after.filter((r) => r.dek_id === dekBefore.get(r.id))).toEqual([]);
  const oldKeys = await db.orm.em
    .fork()
    .execute('select count(*)::int as n from kl_data_keys where dek_id in (?)', [[...dekBefore.values()]]);
  expect(oldKeys).toEqual([{ n: 0 }]);
  expect(await keyCounts(api)).toEqual({ k2: secrets.size, k1: 0 });
  expect(await wrongReveals(api, secrets)).toEqual([]);
  expect((await verifyLog(db.orm.em.fork())).ok).toBe(true);
}, 240_000);
