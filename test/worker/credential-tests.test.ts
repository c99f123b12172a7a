import { singleRow } from '#database';
import { readCheckpoint } from '#event-store';
import { CredentialTestProcessor } from '../../apps/worker/src/health/credential-test.processor.js';
import { startTestApi, type TestApi } from '../support/api.js';
import { eventually, within } from '../support/async.js';
import { answer, basicAuth, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { createPrincipal } from '../support/principals.js';
import { deleteRedisKeys, redisContents, testRedisPrefix } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestWorker, type TestWorker } from '../support/worker.js';

// POST .../test -> CredentialTestRequested -> dispatcher -> BullMQ -> worker
// -> CredentialTestSucceeded/Failed -> GET, end to end on the real Postgres
// and Redis. The worker reaches Redis through a relay the test can cut.
const prefix = testRedisPrefix('worker_health_e2e');
const GOOD = 'right-horse-battery-1';
const BAD = 'wrong-horse-battery-2';

let api: TestApi;
let proxy: TcpProxy;
let worker: TestWorker;
let site: LoopbackHttp;
let slowRelease: (() => void) | undefined;

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  site = await startLoopbackHttp(async (req, res) => {
    if (req.url === '/slow') await new Promise<void>((resolve) => (slowRelease = resolve));
    answer(res, req.headers.authorization === basicAuth('app', GOOD));
  });
  api = await startTestApi('worker_health_e2e', { KEYLEDGER_REDIS_PREFIX: prefix });
  proxy = await startTcpProxy(6379);
  worker = await startTestWorker(api.databaseUrl, {
    REDIS_URL: proxy.url,
    KEYLEDGER_REDIS_PREFIX: prefix,
    KEYLEDGER_HEALTHCHECK_INTERVAL: 'off',
  });
});

afterAll(async () => {
  await worker.close();
  await proxy.close();
  await api.close();
  await site.close();
  await deleteRedisKeys(prefix);
});

async function createSiteLogin(name: string, path = '/status'): Promise<{ id: string; updatedAt: string }> {
  const body = { name, type: 'http_basic', username: 'app', secret: GOOD, extra: { url: `${site.url}${path}` } };
  const created = await api.request('POST', '/v1/credentials', { body });
  expect(created.statusCode).toBe(201);
  return created.json();
}

/** Dispatch rounds the worker has logged as failed so far (in one process, its lines may go to the API's log stream). */
const dispatchFailures = () => [...worker.logs, ...api.logs].filter((line) => line.includes('dispatch failed')).length;

const credential = async (id: string) => (await api.request('GET', `/v1/credentials/${id}`)).json();
const eventTypes = async (id: string): Promise<string[]> =>
  (await api.request('GET', `/v1/credentials/${id}/events`)).json().events.map((e: { type: string }) => e.type);

/** Waits until the worker has recorded the result of the test request `jobId`. */
async function resultOf(jobId: string): Promise<void> {
  const requestId = jobId.split('.').at(-1);
  await eventually(
    async () => {
      const rows = await api.orm.em
        .fork()
        .execute(`select 1 from kl_events where type in ('CredentialTestSucceeded', 'CredentialTestFailed') and data->>'requestId' = ?`, [
          requestId,
        ]);
      return rows.length > 0;
    },
    15000,
    `the result of ${jobId}`,
  );
}

async function testAndWait(id: string): Promise<any> {
  const before = (await credential(id)).version;
  const queued = await api.request('POST', `/v1/credentials/${id}/test`);
  expect(queued.statusCode).toBe(202);
  await eventually(async () => (await credential(id)).version > before + 1, 15000, 'the check result');
  return { queued: queued.json(), after: await credential(id) };
}

it('answers 202 with a job id, and the worker records the check on the credential', async () => {
  const created = await createSiteLogin('site-ok');
  const { queued, after } = await testAndWait(created.id);
  expect(queued.jobId).toMatch(new RegExp(`^test\\.${created.id}\\.[0-9a-f-]{36}$`));
  expect(after).toMatchObject({ lastTestStatus: 'ok', lastTestError: null, updatedAt: created.updatedAt });
  expect(Date.parse(after.lastTestedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
  const events = (await api.request('GET', `/v1/credentials/${created.id}/events`)).json().events;
  expect(events.slice(-2).map((e: any) => [e.type, e.data.actor])).toEqual([
    ['CredentialTestRequested', 'bootstrap-admin'],
    ['CredentialTestSucceeded', 'system:worker'],
  ]);
  expect(events.at(-1).data.requestId).toBe(queued.jobId.split('.').at(-1));
});

it('keeps the error of a credential that starts failing, without its secret, and alerts once', async () => {
  const created = await createSiteLogin('site-rotated');
  expect((await api.request('POST', `/v1/credentials/${created.id}/rotate`, { body: { secret: BAD } })).statusCode).toBe(200);
  const first = await testAndWait(created.id);
  const second = await testAndWait(created.id);
  for (const { after } of [first, second]) {
    expect(after.lastTestStatus).toBe('failed');
    expect(after.lastTestError).toBe(`HTTP 401 from ${site.url}/status: the credentials were refused`);
  }
  const types = await eventTypes(created.id);
  expect(types.filter((t) => t === 'CredentialTestFailed')).toHaveLength(2);
  expect(types.filter((t) => t === 'CredentialHealthAlerted')).toHaveLength(1);
  const everything = [...api.responses.map((r) => r.body), ...worker.logs, ...api.logs, await redisContents(prefix)].join('\n');
  expect(everything).toContain(`test.${created.id}.`);
  for (const secret of [GOOD, BAD]) {
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(Buffer.from(`app:${secret}`).toString('base64'));
  }
});

it('accepts a test while Redis is unreachable and runs it, once, when Redis is back', async () => {
  const created = await createSiteLogin('site-outage');
  const position = async () => (await api.orm.em.fork().transactional((tx) => readCheckpoint(tx, 'job-dispatch'))).globalPosition;
  await proxy.pause();
  let jobId: string;
  try {
    const queued = await api.request('POST', `/v1/credentials/${created.id}/test`);
    expect(queued.statusCode).toBe(202);
    jobId = queued.json().jobId;
    const { requested } = singleRow(
      await api.orm.em
        .fork()
        .execute(`select global_position::int as requested from kl_events where data->>'requestId' = ?`, [jobId.split('.').at(-1)]),
    );
    // Rounds run one after another: the second failure from now is of a round that began after the request was committed.
    const failures = dispatchFailures();
    await eventually(async () => dispatchFailures() >= failures + 2, 15000, 'a dispatch round after the request failed');
    expect(await position()).toBeLessThan(requested);
    expect((await credential(created.id)).lastTestedAt).toBeNull();
  } finally {
    await proxy.resume();
  }
  await eventually(async () => (await credential(created.id)).lastTestStatus === 'ok', 25000, 'the check after Redis came back');
  const results = (await eventTypes(created.id)).filter((t) => t === 'CredentialTestSucceeded');
  expect(results).toHaveLength(1);
}, 40000);

it('refuses to test a deactivated or a destroyed credential with a 409', async () => {
  const created = await createSiteLogin('site-retired');
  await api.request('DELETE', `/v1/credentials/${created.id}`);
  const inactive = await api.request('POST', `/v1/credentials/${created.id}/test`);
  expect(inactive.statusCode).toBe(409);
  expect(inactive.json()).toMatchObject({
    code: 'CREDENTIAL_INACTIVE',
    message: expect.stringMatching(/deactivated; restore it to test it/),
  });
  await api.request('POST', `/v1/credentials/${created.id}/destroy`);
  const destroyed = await api.request('POST', `/v1/credentials/${created.id}/test`);
  expect(destroyed.statusCode).toBe(409);
  expect(destroyed.json()).toMatchObject({ code: 'CREDENTIAL_DESTROYED' });
  expect((await api.request('POST', '/v1/credentials/00000000-0000-4000-8000-000000000000/test')).statusCode).toBe(404);
});

it('lets admins, operators and services with a manage grant ask for a test, not auditors; another tenant sees no credential', async () => {
  const created = await createSiteLogin('site-roles');
  // An accepted test is awaited until its result is recorded, so that it never races the next write on the credential.
  const test = async (token: string) => {
    const reply = await api.request('POST', `/v1/credentials/${created.id}/test`, { token });
    if (reply.statusCode === 202) await resultOf(reply.json().jobId);
    return reply.statusCode;
  };
  expect(await test((await createPrincipal(api, 'operator')).token)).toBe(202);
  const service = await createPrincipal(api, 'service');
  expect(await test(service.token)).toBe(404); // no grant: it cannot see the credential
  const grant = (permission: string) =>
    api.request('POST', `/v1/credentials/${created.id}/grants`, { body: { principalId: service.principalId, permission } });
  expect((await grant('use')).statusCode).toBe(201);
  expect(await test(service.token)).toBe(403); // `use` reveals, it does not test
  expect((await grant('manage')).statusCode).toBe(201);
  expect(await test(service.token)).toBe(202);
  expect(await test((await createPrincipal(api, 'auditor')).token)).toBe(403);
  expect(await test((await createPrincipal(api, 'admin', { tenant: 'other_tenant' })).token)).toBe(404);
});

it('replays the first answer for a retried request with the same Idempotency-Key', async () => {
  const created = await createSiteLogin('site-idempotent');
  const headers = { 'idempotency-key': 'test-once-1' };
  const first = await api.request('POST', `/v1/credentials/${created.id}/test`, { headers });
  const again = await api.request('POST', `/v1/credentials/${created.id}/test`, { headers });
  expect(again.statusCode).toBe(202);
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(again.json()).toEqual(first.json());
  expect((await eventTypes(created.id)).filter((t) => t === 'CredentialTestRequested')).toHaveLength(1);
});

it('on shutdown, lets the check in hand finish and record its result', async () => {
  const created = await createSiteLogin('site-slow', '/slow');
  const { jobId } = (await api.request('POST', `/v1/credentials/${created.id}/test`)).json();
  await eventually(async () => slowRelease !== undefined, 15000, 'the check reached the site');
  const tests = worker.app.get(CredentialTestProcessor).worker;
  const closingStarted = new Promise<void>((resolve) => tests.once('closing', () => resolve()));
  const order: string[] = [];
  tests.on('completed', (job) => void (job.id === jobId && order.push('check completed')));
  tests.once('closed', () => void order.push('worker closed'));
  const closing = worker.close();
  // Shutdown has reached the processor holding the check: the check is released only now, and the worker closes after it.
  await within(closingStarted, 15000, 'the credential-tests worker starting to close');
  expect(order).toEqual([]);
  slowRelease!();
  await closing;
  expect(order).toEqual(['check completed', 'worker closed']);
  expect((await credential(created.id)).lastTestStatus).toBe('ok');
});
