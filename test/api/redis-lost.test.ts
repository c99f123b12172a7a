import { Redis } from 'ioredis';
import { accessRecordsOf, grantedService } from '../support/access.js';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { expectUnavailable } from '../support/expect-unavailable.js';
import { eventually, within } from '../support/async.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

// Redis going away under a running API: what needs it answers 503
// UNAVAILABLE with Retry-After (never a 500, never a hang), reveals go on
// with the rate limit counted per process and their access records written,
// readiness says Redis is down, and everything is back once Redis is, without
// a restart. Redis here is a server of this file's own, killed and started
// again on the same port.
const SUITE = 'api_redis_lost';
const DASHBOARD = '/admin/queues/api/queues?activeQueue=&page=1&jobsPerPage=10';
/** Longer than any answer may take while Redis is gone: a hang fails the test instead of passing late. */
const ANSWER_MS = 5000;

let redis: RedisServer;
let api: TestApi;
let id: string;
let service: { principalId: string; token: string };

beforeAll(async () => {
  redis = await startRedisServer();
  api = await startTestApi(SUITE, { REDIS_URL: redis.url, KEYLEDGER_REVEAL_RATE_LIMIT: '100' });
  id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('redis-lost') })).json().id;
  service = await grantedService(api, id);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await redis?.kill();
});

const request = (method: string, url: string, options?: Parameters<TestApi['request']>[2]) =>
  within(api.request(method, url, options), ANSWER_MS, `${method} ${url}`);

/** Keys of the reveal rate limit in this file's Redis: proof that reveals are counted there. */
async function rateKeys(): Promise<string[]> {
  const client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  try {
    return await client.keys(`${api.config.redisPrefix}:reveal-rate*`);
  } finally {
    client.disconnect();
  }
}

const reveal = () => request('POST', `/v1/credentials/${id}/reveal`, { token: service.token });

it('serves everything while Redis is up', async () => {
  expect((await request('GET', '/health/ready', { token: null })).statusCode).toBe(200);
  expect((await request('GET', DASHBOARD)).statusCode).toBe(200);
  expect((await reveal()).statusCode).toBe(200);
  expect(await rateKeys()).not.toEqual([]);
});

describe('with Redis lost', () => {
  beforeAll(() => redis.kill());

  it('answers the queue dashboard 503 UNAVAILABLE with Retry-After, at once', async () => {
    for (let i = 0; i < 3; i++) expectUnavailable(await request('GET', DASHBOARD));
  });

  it('reports Redis down on /health/ready, Postgres up', async () => {
    const ready = await request('GET', '/health/ready', { token: null });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'unavailable', checks: { postgres: { status: 'up' }, redis: { status: 'down' } } });
  });

  it('keeps serving reveals, each with its access record, counted per process', async () => {
    const before = (await accessRecordsOf(api, service.principalId, 'SecretRevealed')).length;
    for (let i = 0; i < 5; i++) {
      const reply = await reveal();
      expect(reply.statusCode).toBe(200);
      expect(reply.json().secret).toBe(openAiCredential('x').secret);
    }
    expect((await accessRecordsOf(api, service.principalId, 'SecretRevealed')).length).toBe(before + 5);
    // Said once, when the Redis client reports the loss (its reconnect attempts set the moment).
    await eventually(
      async () => api.logs.some((line) => line.includes('reveal rate limit counted per process')),
      15_000,
      'the per-process limit logged',
    );
  });

  it('keeps serving what needs only Postgres: writes, reads and requested health checks', async () => {
    expect((await request('POST', '/v1/credentials', { body: openAiCredential('written-without-redis') })).statusCode).toBe(201);
    expect((await request('GET', `/v1/credentials/${id}`)).statusCode).toBe(200);
    expect((await request('POST', `/v1/credentials/${id}/test`)).statusCode).toBe(202);
  });

  it('answers no request with a 500', () => {
    expect(api.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
  });
});

describe('with Redis back', () => {
  beforeAll(() => redis.start());

  it('serves the dashboard and readiness again and counts reveals in Redis again, without a restart', async () => {
    await eventually(async () => (await request('GET', '/health/ready', { token: null })).statusCode === 200, 20_000, 'ready again');
    await eventually(async () => (await request('GET', DASHBOARD)).statusCode === 200, 20_000, 'dashboard again');
    expect(await rateKeys()).toEqual([]);
    await eventually(
      async () => {
        expect((await reveal()).statusCode).toBe(200);
        return (await rateKeys()).length > 0;
      },
      20_000,
      'reveals counted in Redis again',
    );
  });
});
