import pg from 'pg';
import { singleRow } from '#database';
import { waitForLockWaiters } from '../support/async.js';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_concurrency');
});
afterAll(() => api.close());

const count = async (table: string) => singleRow(await api.orm.em.fork().execute(`select count(*)::int as n from ${table}`)).n as number;

describe('optimistic concurrency (invariant 7)', () => {
  it('two rotations expecting the same version: one succeeds, the other gets 409, none is lost silently', async () => {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('race') })).json();
    const blocker = new pg.Client({ connectionString: api.databaseUrl });
    await blocker.connect();
    try {
      // Hold the stream row so both commands have loaded version 1 before either appends.
      await blocker.query('begin');
      await blocker.query('select 1 from kl_streams where stream_id = $1 for update', [`credential-${id}`]);
      const rotate = (suffix: string) =>
        api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey(suffix) }, headers: { 'if-match': '"1"' } });
      const racing = Promise.all([rotate('race1111'), rotate('race2222')]);
      await waitForLockWaiters(api.orm.em, 2);
      await blocker.query('commit');
      const statuses = (await racing).map((r) => r.statusCode).sort();
      expect(statuses).toEqual([200, 409]);
    } finally {
      await blocker.end();
    }
    const detail = (await api.request('GET', `/v1/credentials/${id}`)).json();
    expect(detail).toMatchObject({ version: 2, secretVersion: 2 });
    const revealed = (await api.request('POST', `/v1/credentials/${id}/reveal`)).json().secret;
    expect([openAiKey('race1111'), openAiKey('race2222')]).toContain(revealed);
  });

  it('answers a stale If-Match with 412 and writes nothing', async () => {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('stale') })).json();
    await api.request('PATCH', `/v1/credentials/${id}`, { body: { description: 'v2' } });
    const before = await count('kl_events');
    const stale = await api.request('PATCH', `/v1/credentials/${id}`, { body: { description: 'v3' }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('PRECONDITION_FAILED');
    expect(await count('kl_events')).toBe(before);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().description).toBe('v2');
  });
});

describe('idempotency (invariant 7)', () => {
  it('replays the first response for a retried create and writes nothing new', async () => {
    const headers = { 'idempotency-key': 'create-once-1' };
    const body = openAiCredential('idempotent-create');
    const first = await api.request('POST', '/v1/credentials', { body, headers });
    const [events, keys, rows] = [await count('kl_events'), await count('kl_data_keys'), await count('kl_credentials')];
    const retry = await api.request('POST', '/v1/credentials', { body, headers });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect([await count('kl_events'), await count('kl_data_keys'), await count('kl_credentials')]).toEqual([events, keys, rows]);
  });

  it('answers 422 when the same key comes with another body', async () => {
    const headers = { 'idempotency-key': 'create-once-2' };
    await api.request('POST', '/v1/credentials', { body: openAiCredential('idem-a'), headers });
    const reuse = await api.request('POST', '/v1/credentials', { body: openAiCredential('idem-a', openAiKey('otherkey')), headers });
    expect(reuse.statusCode).toBe(422);
    expect(reuse.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('runs concurrent requests with one key exactly once', async () => {
    const headers = { 'idempotency-key': 'create-concurrent' };
    const body = openAiCredential('idem-concurrent');
    const replies = await Promise.all(Array.from({ length: 5 }, () => api.request('POST', '/v1/credentials', { body, headers })));
    expect(replies.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.json().id)).size).toBe(1);
    const list = (await api.request('GET', '/v1/credentials?q=idem-concurrent')).json();
    expect(list.total).toBe(1);
  });

  it('replays a rotation instead of rotating twice', async () => {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('idem-rotate') })).json();
    const request = { body: { secret: openAiKey('once7777') }, headers: { 'idempotency-key': `rotate-${id}` } };
    await api.request('POST', `/v1/credentials/${id}/rotate`, request);
    const again = await api.request('POST', `/v1/credentials/${id}/rotate`, request);
    expect(again.json().secretVersion).toBe(2);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().secretVersion).toBe(2);
  });
});

describe('read-your-writes (invariant 8)', () => {
  it('finds every credential with a GET right after its POST', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => api.request('POST', '/v1/credentials', { body: openAiCredential(`ryw-${i}`) })),
    );
    const reads = await Promise.all(created.map((c) => api.request('GET', `/v1/credentials/${c.json().id}`)));
    expect(reads.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
  });
});
