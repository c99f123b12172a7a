import { Queue } from 'bullmq';
import { CREDENTIAL_TESTS_QUEUE, HEALTH_SCAN_SCHEDULER_ID } from '#runtime';
import { HealthScan } from '../../apps/worker/src/health/health-scan.service.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { answer, basicAuth, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';
import { startTestWorker, type TestWorker } from '../support/worker.js';

// The scheduled run: a job scheduler upserted at boot repeats the scan, which
// fans out one test per active, testable credential and time slot.
const prefix = testRedisPrefix('worker_health_schedule');
const SECRET = 'schedule-secret-1';

let api: TestApi;
let site: LoopbackHttp;
let worker: TestWorker;
let queue: Queue;
const ids: Record<'a' | 'b' | 'inactive' | 'untestable', string> = { a: '', b: '', inactive: '', untestable: '' };

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  site = await startLoopbackHttp((req, res) => answer(res, req.headers.authorization === basicAuth('app', SECRET)));
  api = await startTestApi('worker_health_schedule', { KEYLEDGER_REDIS_PREFIX: prefix });
  const create = async (body: Record<string, unknown>) => (await api.request('POST', '/v1/credentials', { body })).json().id as string;
  const login = (name: string) => ({ name, type: 'http_basic', username: 'app', secret: SECRET, extra: { url: `${site.url}/ok` } });
  ids.a = await create(login('scheduled-a'));
  ids.b = await create(login('scheduled-b'));
  ids.inactive = await create(login('scheduled-inactive'));
  await api.request('DELETE', `/v1/credentials/${ids.inactive}`);
  ids.untestable = await create({ name: 'scheduled-custom', type: 'custom', secret: 'opaque-value' });
  queue = new Queue(CREDENTIAL_TESTS_QUEUE, { connection: { url: 'redis://127.0.0.1:6379' }, prefix });
  worker = await startTestWorker(api.databaseUrl, { KEYLEDGER_REDIS_PREFIX: prefix, KEYLEDGER_HEALTHCHECK_INTERVAL: '1s' });
});

afterAll(async () => {
  await worker.close();
  await queue.close();
  await api.close();
  await site.close();
  await deleteRedisKeys(prefix);
});

const credential = async (id: string) => (await api.request('GET', `/v1/credentials/${id}`)).json();
const resultSlots = async (id: string): Promise<string[]> =>
  (await api.request('GET', `/v1/credentials/${id}/events`))
    .json()
    .events.filter((e: { type: string }) => e.type === 'CredentialTestSucceeded')
    .map((e: { data: { slot: string } }) => e.data.slot);

it('upserts the scan scheduler at boot with the configured interval', async () => {
  expect(await queue.getJobScheduler(HEALTH_SCAN_SCHEDULER_ID)).toMatchObject({ every: 1000 });
});

it('tests every active credential a check applies to, once per slot, and leaves the others alone', async () => {
  await eventually(
    async () => (await resultSlots(ids.a)).length >= 2 && (await resultSlots(ids.b)).length >= 2,
    15000,
    'two scheduled slots',
  );
  for (const id of [ids.a, ids.b]) {
    const slots = await resultSlots(id);
    expect(new Set(slots).size).toBe(slots.length);
    expect(await credential(id)).toMatchObject({ lastTestStatus: 'ok' });
  }
  expect((await credential(ids.inactive)).lastTestedAt).toBeNull();
  expect((await credential(ids.untestable)).lastTestedAt).toBeNull();
});

it('adds nothing for a scan run twice in the same slot', async () => {
  const scan = worker.app.get(HealthScan);
  const now = Date.now() + 3_600_000;
  const first = await scan.fanOut(now);
  const second = await scan.fanOut(now);
  expect(first).toEqual({ slotMs: Math.floor(now / 1000) * 1000, queued: 2 });
  expect(second).toEqual(first);
  const jobs = await queue.getJobs(['waiting', 'active', 'completed', 'delayed', 'failed']);
  expect(
    jobs
      .filter((job) => job.id!.endsWith(`.${first.slotMs}`))
      .map((job) => job.id)
      .sort(),
  ).toEqual([ids.a, ids.b].map((id) => `health.${id}.${first.slotMs}`).sort());
});

it('removes the scheduler when a worker boots with the interval off', async () => {
  await worker.close();
  worker = await startTestWorker(api.databaseUrl, { KEYLEDGER_REDIS_PREFIX: prefix, KEYLEDGER_HEALTHCHECK_INTERVAL: 'off' });
  expect(await queue.getJobScheduler(HEALTH_SCAN_SCHEDULER_ID)).toBeUndefined();
});
