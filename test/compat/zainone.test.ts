import { startTestApi, type TestApi } from '../support/api.js';
import { grant } from '../support/access.js';
import { eventually } from '../support/async.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';
import { ZAINONE_CREATE, ZAINONE_TYPES } from '../support/seed-bodies.js';

// ZainOne's /api/credentials, called as its clients call them: the bodies
// below are the ones its guide shows, sent unchanged, with a Keyledger
// bearer token.
let api: TestApi;
let operator: TestPrincipal;
let auditor: TestPrincipal;
let service: TestPrincipal;
beforeAll(async () => {
  api = await startTestApi('compat_zainone');
  [operator, auditor, service] = await Promise.all([
    createPrincipal(api, 'operator'),
    createPrincipal(api, 'auditor'),
    createPrincipal(api, 'service'),
  ]);
});
afterAll(() => api.close());

type Body = Record<string, any>;

const ANSWER_FIELDS = ['id', 'name', 'type', 'username', 'extra', 'created_at', 'updated_at', 'is_active'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

const zainOne = (method: string, url: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) =>
  api.request(method, url, options);

/** The answer of the documented create: its fields exactly, the body's values, never the secret. */
function expectAnswerOf(answer: Body, body: Body): void {
  expect(Object.keys(answer).sort()).toEqual([...ANSWER_FIELDS].sort());
  expect(answer).toMatchObject({ id: expect.stringMatching(UUID), name: body.name, type: body.type, username: body.username ?? null });
  expect(answer.extra).toMatchObject(body.extra);
  expect(answer.created_at).toMatch(ISO);
  expect(answer.updated_at).toMatch(ISO);
  expect(answer.is_active).toBe(true);
  expect(JSON.stringify(answer)).not.toContain(body.secret);
}

describe('the documented requests', () => {
  const ids = new Map<string, string>();

  it('creates the documented credential: 201, its answer shape, the secret not returned', async () => {
    const reply = await zainOne('POST', '/api/credentials', { body: ZAINONE_CREATE });
    expect(reply.statusCode).toBe(201);
    const answer = reply.json();
    expectAnswerOf(answer, ZAINONE_CREATE);
    expect(answer.extra).toEqual({ ...ZAINONE_CREATE.extra, secret_format: 'password', driver: 'postgres' });
    expect(reply.headers.location).toBe(`/api/credentials/${answer.id}`);
    ids.set(ZAINONE_CREATE.name, answer.id);
  });

  it.each(ZAINONE_TYPES.map((body) => [body.type, body.name, body] as const))(
    'creates the %s example "%s" as documented',
    async (_type, name, body) => {
      const reply = await zainOne('POST', '/api/credentials', { body });
      expect([reply.statusCode, reply.statusCode === 201 ? '' : reply.body]).toEqual([201, '']);
      expectAnswerOf(reply.json(), body);
      ids.set(name, reply.json().id);
    },
  );

  it('lists them with ?active_only=true as {credentials, total}, without secrets', async () => {
    const reply = await zainOne('GET', '/api/credentials?active_only=true');
    expect(reply.statusCode).toBe(200);
    const list = reply.json();
    expect(Object.keys(list).sort()).toEqual(['credentials', 'total']);
    expect(list.total).toBe(list.credentials.length);
    expect(list.credentials.map((c: Body) => c.name)).toEqual([ZAINONE_CREATE, ...ZAINONE_TYPES].map((b) => b.name));
    for (const credential of list.credentials) expect(Object.keys(credential).sort()).toEqual([...ANSWER_FIELDS].sort());
    for (const body of [ZAINONE_CREATE, ...ZAINONE_TYPES]) expect(reply.body).not.toContain(body.secret);
  });

  it('gets one by id in the same shape', async () => {
    const id = ids.get('Production PostgreSQL')!;
    const reply = await zainOne('GET', `/api/credentials/${id}`);
    expect(reply.statusCode).toBe(200);
    expectAnswerOf(reply.json(), ZAINONE_CREATE);
    expect(reply.json().id).toBe(id);
  });

  it('rotates with the documented PUT {secret}: a new secret version, the settings kept', async () => {
    const id = ids.get('Production PostgreSQL')!;
    const reply = await zainOne('PUT', `/api/credentials/${id}`, { body: { secret: 'new_rotated_password_456' } });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ id, name: 'Production PostgreSQL', username: 'admin', is_active: true });
    expect(reply.body).not.toContain('new_rotated_password_456');
    const detail = (await api.request('GET', `/v1/credentials/${id}`)).json();
    expect(detail).toMatchObject({ secretVersion: 2, host: 'db.example.com', extra: ZAINONE_CREATE.extra });
    const revealed = (await api.request('POST', `/v1/credentials/${id}/reveal`)).json();
    expect(revealed.secret).toBe('new_rotated_password_456');
  });

  it('changes metadata with a PUT without secret, and keeps the secret version', async () => {
    const id = ids.get('API Basic Auth')!;
    const reply = await zainOne('PUT', `/api/credentials/${id}`, {
      body: { username: 'api_user_2', extra: { base_url: 'https://api2.example.com' } },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ username: 'api_user_2', extra: { base_url: 'https://api2.example.com' } });
    expect((await api.request('GET', `/v1/credentials/${id}`)).json()).toMatchObject({ secretVersion: 1, username: 'api_user_2' });
  });

  it('deletes as documented: the credential is deactivated, left out of ?active_only=true, listed otherwise', async () => {
    const id = ids.get('Custom Service Credential')!;
    const reply = await zainOne('DELETE', `/api/credentials/${id}`);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ id, is_active: false });
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().status).toBe('inactive');
    const active = (await zainOne('GET', '/api/credentials?active_only=true')).json();
    expect(active.credentials.map((c: Body) => c.id)).not.toContain(id);
    const all = (await zainOne('GET', '/api/credentials')).json();
    expect(all.credentials.find((c: Body) => c.id === id)).toMatchObject({ is_active: false });
    expect(all.total).toBe(active.total + 1);
  });

  it('shows the same credentials, masked, through GET /v1/credentials', async () => {
    const reply = await api.request('GET', '/v1/credentials?limit=200');
    const byId = new Map(reply.json().credentials.map((c: Body) => [c.id, c]));
    for (const [name, id] of ids) expect(byId.get(id)).toMatchObject({ name, secretPreview: expect.any(String) });
    for (const body of [ZAINONE_CREATE, ...ZAINONE_TYPES]) expect(reply.body).not.toContain(body.secret);
  });

  it('records the writes in GET /v1/audit, by the caller, without secrets', async () => {
    const id = ids.get('Production PostgreSQL')!;
    const audit = async () => (await api.request('GET', `/v1/audit?credentialId=${id}`)).json().entries as Body[];
    await eventually(async () => (await audit()).some((e) => e.action === 'revealed'), 20_000, 'the reveal in the audit trail');
    const entries = await audit();
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['created', 'rotated', 'revealed']));
    expect(entries.every((e) => e.actor === 'bootstrap-admin')).toBe(true);
    const deleted = ids.get('Custom Service Credential')!;
    await eventually(
      async () =>
        (await api.request('GET', `/v1/audit?credentialId=${deleted}`)).json().entries.some((e: Body) => e.action === 'deactivated'),
      20_000,
      'the deactivation in the audit trail',
    );
    const all = await api.request('GET', '/v1/audit?limit=1000');
    for (const body of [ZAINONE_CREATE, ...ZAINONE_TYPES]) expect(all.body).not.toContain(body.secret);
  });
});

describe('access, as on /v1', () => {
  it('refuses a request without a bearer token with 401', async () => {
    const reply = await api.request('GET', '/api/credentials', { token: null });
    expect(reply.statusCode).toBe(401);
  });

  it('lets an operator create, and refuses an auditor a write with 403 while it reads', async () => {
    const body = {
      name: 'Operator SSH',
      type: 'ssh',
      username: 'ops',
      secret: 'operator-ssh-password',
      extra: { host: 'ops.example.com', auth_method: 'key' },
    };
    expect((await zainOne('POST', '/api/credentials', { body, token: operator.token })).statusCode).toBe(201);
    const refused = await zainOne('POST', '/api/credentials', { body: { ...body, name: 'Auditor SSH' }, token: auditor.token });
    expect(refused.statusCode).toBe(403);
    const listed = (await zainOne('GET', '/api/credentials', { token: auditor.token })).json();
    expect(listed.credentials.map((c: Body) => c.name)).toContain('Operator SSH');
  });

  it('shows a service only what it was granted, and answers 404 for the rest', async () => {
    const body = {
      name: 'Granted Token',
      type: 'bearer_token',
      secret: 'granted-token-value-1',
      extra: { api_url: 'https://api.example.org' },
    };
    const { id } = (await zainOne('POST', '/api/credentials', { body })).json();
    expect((await zainOne('GET', '/api/credentials', { token: service.token })).json()).toEqual({ credentials: [], total: 0 });
    expect((await zainOne('GET', `/api/credentials/${id}`, { token: service.token })).statusCode).toBe(404);
    expect((await zainOne('PUT', `/api/credentials/${id}`, { body: { secret: 'stolen' }, token: service.token })).statusCode).toBe(404);

    await grant(api, id, { principalId: service.principalId }, 'use');
    const listed = (await zainOne('GET', '/api/credentials', { token: service.token })).json();
    expect(listed).toEqual({ credentials: [expect.objectContaining({ id, name: 'Granted Token' })], total: 1 });
    const put = await zainOne('PUT', `/api/credentials/${id}`, { body: { secret: 'stolen' }, token: service.token });
    expect(put.statusCode).toBe(403);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().secretVersion).toBe(1);
  });
});

describe('errors, in the Keyledger error body', () => {
  it('refuses an invalid body with 400 naming every failing field, never echoing the secret', async () => {
    const reply = await zainOne('POST', '/api/credentials', {
      body: { name: 'Broken', type: 'ssh', secret: 'do-not-echo-me', extra: { host: 'h.example.com', timeout: 5 }, tags: ['x'] },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(reply.json().details.map((d: Body) => d.field)).toEqual(['tags']);
    expect(reply.body).not.toContain('do-not-echo-me');
  });

  it('answers 409 DUPLICATE_NAME to a second credential of a name, ignoring case', async () => {
    const reply = await zainOne('POST', '/api/credentials', { body: { ...ZAINONE_CREATE, name: 'production postgresql' } });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().code).toBe('DUPLICATE_NAME');
  });

  it('answers 404 for an id nobody has, and a 4xx (never a 500) for an id that is not a UUID', async () => {
    expect((await zainOne('GET', '/api/credentials/6f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f')).statusCode).toBe(404);
    for (const [method, url] of [
      ['GET', '/api/credentials/not-a-uuid'],
      ['PUT', '/api/credentials/not-a-uuid'],
      ['DELETE', '/api/credentials/not-a-uuid'],
    ] as const) {
      const reply = await zainOne(method, url, { body: method === 'PUT' ? { secret: 'x' } : undefined });
      expect([method, reply.statusCode >= 400 && reply.statusCode < 500]).toEqual([method, true]);
    }
  });

  it('refuses a PUT that changes the type', async () => {
    const { id } = (await zainOne('POST', '/api/credentials', { body: { ...ZAINONE_TYPES[4], name: 'Type Change' } })).json();
    const reply = await zainOne('PUT', `/api/credentials/${id}`, { body: { type: 'custom' } });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().details).toEqual([expect.objectContaining({ field: 'type' })]);
  });
});
