import { execFileSync } from 'node:child_process';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { answer, basicAuth, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { testResourceName } from '../support/namespace.js';
import { createPrincipal } from '../support/principals.js';
import { redisContents, testRedisPrefix } from '../support/redis.js';

// POST /v1/credentials/test against real targets: a loopback HTTP server
// with basic auth, the local Postgres (a throwaway role with a password) and
// the local MariaDB (a throwaway user, for a real wrong password: the local
// Postgres trusts 127.0.0.1, so a role that no longer exists stands for its
// refusal). Nothing of the credential is stored; the attempt is in the
// audit trail without the secret.
const SUITE = 'api_test_unsaved';
const HTTP_USER = 'deploy';
const HTTP_SECRET = 'Http-Right-Secret-1234';
const HTTP_WRONG = 'Http-Wrong-Secret-5678';
const PG_SECRET = 'Pg-Unsaved-Secret-9012';
const MARIA_SECRET = 'Maria-Unsaved-Secret-3456';
const MARIA_WRONG = 'Maria-Wrong-Secret-7890';
const SECRETS = [HTTP_SECRET, HTTP_WRONG, PG_SECRET, MARIA_SECRET, MARIA_WRONG];
const role = testResourceName('unsaved_role');
const mariaUser = testResourceName('unsaved_user').slice(0, 32);

let api: TestApi;
let site: LoopbackHttp;
let admin: pg.Client;
let root: mysql.Connection;

const httpBasic = (secret: string, name = 'intranet') => ({
  name,
  type: 'http_basic',
  username: HTTP_USER,
  secret,
  extra: { url: `${site.url}/login?session=abc` },
});
const postgres = (secret: string) => ({
  name: 'reports-db',
  type: 'postgres',
  username: role,
  secret,
  host: '127.0.0.1',
  extra: { database: 'postgres', port: 5432 },
});
const mariadb = (secret: string) => ({
  name: 'shop-db',
  type: 'mysql',
  username: mariaUser,
  secret,
  host: '127.0.0.1',
  extra: { port: 3306 },
});
const tryIt = (body: unknown, token?: string) => api.request('POST', '/v1/credentials/test', { body, ...(token ? { token } : {}) });

const COUNTED = `select
  (select count(*) from kl_credentials)::int as credentials,
  (select count(*) from kl_data_keys)::int as data_keys,
  (select count(*) from kl_name_reservations)::int as names,
  (select count(*) from kl_events where type <> 'UnsavedCredentialTested')::int as events,
  (select count(*) from kl_events where type = 'UnsavedCredentialTested')::int as records`;
interface Counts {
  credentials: number;
  data_keys: number;
  names: number;
  events: number;
  records: number;
}
const counts = async () => (await api.orm.em.fork().execute<Counts[]>(COUNTED))[0]!;
const countOf = async (sql: string) => (await api.orm.em.fork().execute<{ count: number }[]>(sql))[0]!.count;
let before: Counts;

beforeAll(async () => {
  api = await startTestApi(SUITE, { KEYLEDGER_HEALTHCHECK_TIMEOUT: '5s' });
  site = await startLoopbackHttp((request, res) => answer(res, request.headers.authorization === basicAuth(HTTP_USER, HTTP_SECRET)));
  admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`drop role if exists ${role}`);
  await admin.query(`create role ${role} login password '${PG_SECRET}'`);
  root = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
  await root.query(`DROP USER IF EXISTS ?@'%'`, [mariaUser]);
  await root.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [mariaUser, MARIA_SECRET]);
  before = await counts();
});
afterAll(async () => {
  await admin?.query(`drop role if exists ${role}`);
  await admin?.end();
  await root?.query(`DROP USER IF EXISTS ?@'%'`, [mariaUser]);
  await root?.end();
  await site?.close();
  await api?.close();
});

describe('an HTTP basic-auth credential', () => {
  it('answers ok when the target accepts it', async () => {
    const reply = await tryIt(httpBasic(HTTP_SECRET));
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.json()).toEqual({
      ok: true,
      checked: true,
      message: `the http_basic credential works against ${site.url}/login`,
      durationMs: expect.any(Number),
    });
    expect(site.seen.at(-1)?.headers.authorization).toBe(basicAuth(HTTP_USER, HTTP_SECRET));
  });

  it('answers 200 with ok: false and where it was refused, never the secret', async () => {
    const reply = await tryIt(httpBasic(HTTP_WRONG));
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      ok: false,
      checked: true,
      message: `HTTP 401 from ${site.url}/login: the credentials were refused`,
    });
    expect(reply.body).not.toContain(HTTP_WRONG);
  });
});

describe('a database credential', () => {
  it('connects to the local Postgres as the role with its password', async () => {
    expect((await tryIt(postgres(PG_SECRET))).json()).toMatchObject({ ok: true, checked: true });
  });

  it('reports the refusal of a role that is gone', async () => {
    await admin.query(`drop role ${role}`);
    const reply = await tryIt(postgres(PG_SECRET));
    expect(reply.json()).toMatchObject({
      ok: false,
      message: expect.stringMatching(new RegExp(`^authentication failed for user "${role}" on 127\\.0\\.0\\.1:5432`)),
    });
    expect(reply.body).not.toContain(PG_SECRET);
  });

  it('tells a right MariaDB password from a wrong one', async () => {
    expect((await tryIt(mariadb(MARIA_SECRET))).json()).toMatchObject({ ok: true });
    const wrong = await tryIt(mariadb(MARIA_WRONG));
    expect(wrong.json()).toMatchObject({ ok: false, message: expect.stringContaining(`authentication failed for user "${mariaUser}"`) });
    expect(wrong.body).not.toContain(MARIA_WRONG);
  });
});

it('answers ok: false, checked: false for a credential no check applies to', async () => {
  const reply = await tryIt({ name: 'no-url', type: 'bearer_token', secret: 'Bearer-Secret-0000' });
  expect(reply.statusCode).toBe(200);
  expect(reply.json()).toMatchObject({
    ok: false,
    checked: false,
    message: expect.stringContaining('no health check applies'),
    durationMs: 0,
  });
});

it('validates the body exactly as a create does', async () => {
  const invalid = { name: 'bad-pg', type: 'postgres', username: 'app', secret: PG_SECRET, extra: { database: 'app', port: 'x' } };
  const tested = await tryIt(invalid);
  const created = await api.request('POST', '/v1/credentials', { body: invalid });
  expect(tested.statusCode).toBe(400);
  expect(tested.json()).toEqual(created.json());
  expect(tested.json().details.length).toBeGreaterThan(0);
  expect((await tryIt({ ...httpBasic(HTTP_SECRET), colour: 'red' })).statusCode).toBe(400);
  expect(tested.body).not.toContain(PG_SECRET);
});

it('stores nothing: no credential, data key, name or event but the record of each check', async () => {
  const after = await counts();
  expect(after).toEqual({ ...before, records: before.records + 7 });
  expect(await countOf(`select count(*)::int as count from kl_credentials`)).toBe(0);
});

it('queues no job and leaves no secret in a response, the database, a log line or Redis', async () => {
  for (const response of api.responses) for (const secret of SECRETS) expect(response.body).not.toContain(secret);
  const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', api.databaseUrl], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(dump).toContain('UnsavedCredentialTested');
  const logs = api.logs.join('\n');
  expect(logs).toContain('/v1/credentials/test');
  const redis = await redisContents(testRedisPrefix(SUITE));
  expect(redis).not.toMatch(/:credential-tests:(?!meta\b)/); // no job was queued, only the queue's own meta key exists
  for (const secret of SECRETS) {
    expect(dump).not.toContain(secret);
    expect(logs).not.toContain(secret);
    expect(redis).not.toContain(secret);
  }
});

it('records each check in the audit trail with type, target, outcome and duration, without the secret', async () => {
  const auditor = await createPrincipal(api, 'auditor');
  let entries: Array<Record<string, any>> = [];
  await eventually(
    async () => {
      const reply = await api.request('GET', '/v1/audit?action=tested_unsaved', { token: auditor.token });
      entries = reply.json().entries;
      return entries.length >= 7;
    },
    20_000,
    'tested_unsaved entries',
  );
  const http = entries.filter((entry) => entry.details.credentialType === 'http_basic');
  expect(http.map((entry) => entry.outcome).sort()).toEqual(['failed', 'success']);
  expect(http.find((entry) => entry.outcome === 'failed')).toMatchObject({
    actor: 'bootstrap-admin',
    credentialId: null,
    eventType: 'UnsavedCredentialTested',
    details: {
      name: 'intranet',
      target: `${site.url}/login`,
      checked: true,
      durationMs: expect.any(Number),
      error: `HTTP 401 from ${site.url}/login: the credentials were refused`,
    },
  });
  const text = JSON.stringify(entries);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
});

it('refuses an auditor and a service as a create does, and records the refusal', async () => {
  const [auditor, service] = await Promise.all([createPrincipal(api, 'auditor'), createPrincipal(api, 'service')]);
  for (const principal of [auditor, service]) {
    const reply = await tryIt(httpBasic(HTTP_SECRET), principal.token);
    expect(reply.statusCode).toBe(403);
    expect((await api.request('POST', '/v1/credentials', { body: httpBasic(HTTP_SECRET), token: principal.token })).statusCode).toBe(403);
  }
  const denied = `select count(*)::int as count from kl_events where type = 'AccessDenied' and data->>'action' = 'test_unsaved'`;
  expect(await countOf(denied)).toBe(2);
});

it('does not take the place of the queued check of a stored credential', async () => {
  const created = await api.request('POST', '/v1/credentials', { body: httpBasic(HTTP_SECRET, 'stored-intranet') });
  const queued = await api.request('POST', `/v1/credentials/${created.json().id}/test`);
  expect(queued.statusCode).toBe(202);
  expect(queued.json()).toEqual({ jobId: expect.stringMatching(/^test\./) });
});
