import { Queue } from 'bullmq';
import { CREDENTIAL_TESTS_QUEUE, EXPIRY_QUEUE, EXPIRY_SCHEDULER_ID, HEALTH_SCAN_SCHEDULER_ID } from '#runtime';
import { startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { answer, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startTestWorker, type TestWorker } from '../support/worker.js';

// A Redis that comes back empty (restarted without persistence) has lost the
// job schedulers a worker upserted at boot: the worker puts them back when
// its connection is ready again, so scheduled health checks go on without a
// restart. Redis here is a server of this file's own, killed and started again.
const SUITE = 'worker_redis_lost';

let redis: RedisServer;
let site: LoopbackHttp;
let api: TestApi;
let worker: TestWorker;
let id: string;

beforeAll(async () => {
  redis = await startRedisServer();
  site = await startLoopbackHttp((_, res) => answer(res, true));
  api = await startTestApi(SUITE, { REDIS_URL: redis.url });
  const body = {
    name: 'checked-across-restart',
    type: 'http_basic',
    username: 'app',
    secret: 'restart-secret-1',
    extra: { url: `${site.url}/ok` },
  };
  id = (await api.request('POST', '/v1/credentials', { body })).json().id;
  worker = await startTestWorker(api.databaseUrl, {
    REDIS_URL: redis.url,
    KEYLEDGER_REDIS_PREFIX: api.config.redisPrefix,
    KEYLEDGER_HEALTHCHECK_INTERVAL: '1s',
  });
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await api?.close();
  await site?.close();
  await redis?.kill();
});

const slots = async (): Promise<string[]> =>
  (
    await api.orm.em
      .fork()
      .execute<{ slot: string }[]>(`select data->>'slot' as slot from kl_events where stream_id = ? and type = 'CredentialTestSucceeded'`, [
        `credential-${id}`,
      ])
  ).map((row) => row.slot);

async function schedulers(): Promise<unknown[]> {
  const connection = { url: redis.url };
  const queues = [CREDENTIAL_TESTS_QUEUE, EXPIRY_QUEUE].map((name) => new Queue(name, { connection, prefix: api.config.redisPrefix }));
  try {
    return await Promise.all([queues[0]!.getJobScheduler(HEALTH_SCAN_SCHEDULER_ID), queues[1]!.getJobScheduler(EXPIRY_SCHEDULER_ID)]);
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
  }
}

it('puts its job schedulers back in a Redis that came back empty, and keeps checking on schedule', async () => {
  await eventually(async () => (await slots()).length > 0, 20_000, 'a scheduled check before the restart');
  await redis.kill();
  const restartedAt = new Date().toISOString();
  await redis.start();
  await eventually(async () => (await schedulers()).every((scheduler) => scheduler !== undefined), 20_000, 'both schedulers back');
  await eventually(async () => (await slots()).some((slot) => slot > restartedAt), 30_000, 'a scheduled check after the restart');
  const all = await slots();
  expect(new Set(all).size).toBe(all.length);
}, 90_000);
