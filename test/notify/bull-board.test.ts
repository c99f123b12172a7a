import { QUEUE_NAMES } from '#runtime';
import { ADMIN_TOKEN, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal } from '../support/principals.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

// The BullMQ dashboard is a Fastify plugin outside Nest's guards: its own
// gate resolves the caller like every route does, and lets admins in only.
const prefix = testRedisPrefix('notify_bull_board');
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi('notify_bull_board', { KEYLEDGER_REDIS_PREFIX: prefix });
});
afterAll(async () => {
  await api.close();
  await deleteRedisKeys(prefix);
});

const basic = (token: string) => ({ authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` });

it('asks for credentials (401 with a Basic challenge) without a valid token', async () => {
  for (const headers of [{}, { authorization: 'Bearer klt_nope_nope' }, basic('wrong-token-0123456789')]) {
    for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
      const reply = await api.request('GET', url, { token: null, headers });
      expect(reply.statusCode).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Basic realm="keyledger"');
    }
  }
});

it('refuses (403) a non-admin token and an admin of another tenant', async () => {
  const operator = await createPrincipal(api, 'operator');
  const auditor = await createPrincipal(api, 'auditor');
  const foreignAdmin = await createPrincipal(api, 'admin', { tenant: 'acme' });
  for (const { token } of [operator, auditor, foreignAdmin]) {
    expect((await api.request('GET', '/admin/queues/api/queues', { token })).statusCode).toBe(403);
    expect((await api.request('GET', '/admin/queues', { token: null, headers: basic(token) })).statusCode).toBe(403);
  }
});

it('opens for an admin by Bearer or Basic, and lists every queue through its API', async () => {
  const admin = await createPrincipal(api, 'admin');
  const page = await api.request('GET', '/admin/queues', { token: null, headers: basic(admin.token) });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  for (const token of [ADMIN_TOKEN, admin.token]) {
    const reply = await api.request('GET', '/admin/queues/api/queues?activeQueue=&page=1&jobsPerPage=10', { token });
    expect(reply.statusCode).toBe(200);
    const names = (reply.json().queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual([...QUEUE_NAMES].sort());
  }
});

it('leaves the rest of the API to its own guards', async () => {
  const operator = await createPrincipal(api, 'operator');
  expect((await api.request('GET', '/v1/credentials', { token: operator.token })).statusCode).toBe(200);
  expect((await api.request('GET', '/health/live', { token: null })).statusCode).toBe(200);
});
