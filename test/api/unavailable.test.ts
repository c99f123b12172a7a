import pg from 'pg';
import { accessRecordsOf, grantedService } from '../support/access.js';
import { openAiCredential, startTestApi, type Reply, type TestApi } from '../support/api.js';
import { expectUnavailable } from '../support/expect-unavailable.js';
import { createTestDatabase, testDatabaseName, type TestDatabase } from '../support/database.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

// A lost database connection is the server's trouble, not a bug and not the
// client's fault: 503 UNAVAILABLE with Retry-After, a read retried once on a
// fresh connection first, and never a secret without its access record.

const TERMINATE_OTHERS = `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
  where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`;

describe('backends terminated under concurrent reveals', () => {
  let api: TestApi;
  let admin: pg.Client;
  beforeAll(async () => {
    api = await startTestApi('api_unavailable', { KEYLEDGER_REVEAL_RATE_LIMIT: '100000' });
    admin = new pg.Client({ connectionString: api.databaseUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await api.close();
  });

  it('answers each reveal 200 with its access record or 503 with Retry-After, never 500', async () => {
    const id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('terminated-reveals') })).json().id;
    const service = await grantedService(api, id);
    let running = true;
    let terminated = 0;
    const killer = (async () => {
      while (running) {
        terminated += (await admin.query<{ n: number }>(TERMINATE_OTHERS)).rows[0]!.n;
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
    // At least 150 reveals, and on until both outcomes have shown (how many
    // land between two terminations depends on the machine's load).
    const replies: Reply[] = [];
    const bothSeen = () => replies.some((r) => r.statusCode === 200) && replies.some((r) => r.statusCode === 503);
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while ((replies.length < 150 || !bothSeen()) && replies.length < 3000) {
          replies.push(await api.request('POST', `/v1/credentials/${id}/reveal`, { token: service.token }));
        }
      }),
    );
    running = false;
    await killer;

    expect(terminated).toBeGreaterThan(0);
    const statuses = new Set(replies.map((r) => r.statusCode));
    expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(statuses.has(503)).toBe(true);
    for (const reply of replies.filter((r) => r.statusCode === 503)) expectUnavailable(reply);
    const served = replies.filter((r) => r.statusCode === 200).length;
    expect(served).toBeGreaterThan(0);
    // Fail-closed: every secret served has its record (a record whose answer was lost to a 503 may add one).
    expect((await accessRecordsOf(api, service.principalId, 'SecretRevealed')).length).toBeGreaterThanOrEqual(served);
    expect((await api.request('GET', '/v1/events/verify')).json()).toEqual(expect.objectContaining({ ok: true }));
  }, 60_000);

  it('retries a read whose connection dies mid-query on a fresh one', async () => {
    const id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('read-retried') })).json().id;
    // Hold a lock the read waits on, kill the waiting backend, then let go.
    await admin.query('begin');
    await admin.query('lock table kl_credentials in access exclusive mode');
    const read = api.request('GET', `/v1/credentials/${id}`);
    let killed = 0;
    for (let i = 0; i < 100 && killed === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const waiting = await admin.query<{ n: number }>(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`,
      );
      killed = waiting.rows[0]!.n;
    }
    await admin.query('rollback');
    expect(killed).toBe(1);
    const reply = await read;
    expect(reply.statusCode).toBe(200);
    expect(reply.json().id).toBe(id);
  });
});

describe('database unreachable', () => {
  let proxy: TcpProxy;
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase('api_unavailable_down');
    proxy = await startTcpProxy(5432, 'postgres');
    api = await startTestApi(
      'api_unavailable_down',
      { DATABASE_URL: `postgres://postgres@127.0.0.1:${proxy.port}/${testDatabaseName('api_unavailable_down')}` },
      { database: db },
    );
  });
  afterAll(async () => {
    await api.close();
    await proxy.close();
    await db.close();
  });

  it('answers reads and writes 503 while it is gone, and serves again when it is back', async () => {
    const id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('while-down') })).json().id;
    await proxy.pause();
    expectUnavailable(await api.request('GET', `/v1/credentials/${id}`));
    expectUnavailable(await api.request('GET', '/v1/credentials'));
    const reveal = await api.request('POST', `/v1/credentials/${id}/reveal`);
    expectUnavailable(reveal);
    expect(reveal.body).not.toContain('sk-proj');
    expectUnavailable(await api.request('POST', '/v1/credentials', { body: openAiCredential('written-while-down') }));
    expect(api.logs.join('\n')).not.toContain('"level":50');
    await proxy.resume();
    expect((await api.request('GET', `/v1/credentials/${id}`)).statusCode).toBe(200);
  });
});
