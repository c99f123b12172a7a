import { execFileSync } from 'node:child_process';
import { startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal } from '../support/principals.js';

// /v1/webhooks: admin only, tenant-scoped, registrations as events, the
// signing secret sealed (never in an event, a response after the first, a
// log line or the database in the clear).
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('webhooks_api');
});
afterAll(() => api.close());

const OWN_SECRET = 'own-signing-secret-0123456789-abcdefghij';
const register = (body: Record<string, unknown>, token?: string, headers?: Record<string, string>) =>
  api.request('POST', '/v1/webhooks', { body, token, headers });
const valid = { url: 'https://hooks.example.com/keyledger', events: ['credential.expired', 'credential.expiring'] };

it('registers a webhook (201) and shows a generated secret once, never a given one', async () => {
  const reply = await register({ ...valid, description: 'on-call' });
  expect(reply.statusCode).toBe(201);
  expect(reply.headers['cache-control']).toBe('no-store');
  const created = reply.json();
  expect(created).toMatchObject({
    ...valid,
    description: 'on-call',
    active: true,
    version: 1,
    tenant: 'default',
    createdBy: 'bootstrap-admin',
  });
  expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  const detail = await api.request('GET', `/v1/webhooks/${created.id}`);
  expect(detail.statusCode).toBe(200);
  expect(detail.headers.etag).toBe('"1"');
  expect(detail.body).not.toContain(created.secret);
  const own = await register({ ...valid, secret: OWN_SECRET });
  expect(own.statusCode).toBe(201);
  expect(own.json()).not.toHaveProperty('secret');
  expect(own.body).not.toContain(OWN_SECRET);
});

it('validates URL, events and secret, field by field', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ ...valid, url: 'ftp://files.example.com/in' }, 'url'],
    [{ ...valid, url: 'https://user:pw@hooks.example.com/' }, 'url'],
    [{ ...valid, events: [] }, 'events'],
    [{ ...valid, events: ['credential.expired', 'secret.read'] }, 'events.1'],
    [{ ...valid, secret: 'too-short' }, 'secret'],
    [{ ...valid, extra: 1 }, 'extra'],
  ];
  for (const [body, field] of cases) {
    const reply = await register(body);
    expect(reply.statusCode).toBe(400);
    expect(reply.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect(reply.body).not.toContain('too-short');
  }
  expect((await register(valid, undefined, { 'idempotency-key': 'k1' })).statusCode).toBe(400);
});

it('lists, changes (with If-Match) and deletes; each change is an event on webhook-<id>', async () => {
  const { id } = (await register({ ...valid, secret: OWN_SECRET })).json();
  const patched = await api.request('PATCH', `/v1/webhooks/${id}`, {
    body: { active: false, events: ['credential.rotated'], url: 'http://127.0.0.1:9/in' },
    headers: { 'if-match': '"1"' },
  });
  expect(patched.statusCode).toBe(200);
  expect(patched.headers.etag).toBe('"2"');
  expect(patched.json()).toMatchObject({ active: false, events: ['credential.rotated'], url: 'http://127.0.0.1:9/in', version: 2 });
  expect((await api.request('PATCH', `/v1/webhooks/${id}`, { body: { active: true }, headers: { 'if-match': '"1"' } })).statusCode).toBe(
    412,
  );
  expect((await api.request('PATCH', `/v1/webhooks/${id}`, { body: { secret: 'x' } })).statusCode).toBe(400);
  const listed = (await api.request('GET', '/v1/webhooks?limit=200')).json();
  expect(listed.webhooks.map((w: { id: string }) => w.id)).toContain(id);
  expect(listed.webhooks.every((w: Record<string, unknown>) => !('secret' in w))).toBe(true);
  expect((await api.request('DELETE', `/v1/webhooks/${id}`)).statusCode).toBe(204);
  expect((await api.request('GET', `/v1/webhooks/${id}`)).statusCode).toBe(404);
  expect((await api.request('DELETE', `/v1/webhooks/${id}`)).statusCode).toBe(404);
  const events = await api.orm.em
    .fork()
    .execute<{ type: string }[]>(`select type from kl_events where stream_id = ? order by stream_version`, [`webhook-${id}`]);
  expect(events.map((e) => e.type)).toEqual(['WebhookRegistered', 'WebhookChanged', 'WebhookDeleted']);
  const keys = await api.orm.em.fork().execute(`select 1 from kl_data_keys where credential_id = ?`, [id]);
  expect(keys).toEqual([]);
});

it('is for admins only, and each tenant sees its own webhooks only (404 otherwise)', async () => {
  const { id } = (await register(valid)).json();
  for (const role of ['operator', 'service', 'auditor'] as const) {
    const { token } = await createPrincipal(api, role);
    expect((await api.request('GET', '/v1/webhooks', { token })).statusCode).toBe(403);
    expect((await register(valid, token)).statusCode).toBe(403);
  }
  const foreign = await createPrincipal(api, 'admin', { tenant: 'acme' });
  expect((await api.request('GET', `/v1/webhooks/${id}`, { token: foreign.token })).statusCode).toBe(404);
  expect((await api.request('PATCH', `/v1/webhooks/${id}`, { token: foreign.token, body: { active: false } })).statusCode).toBe(404);
  expect((await api.request('DELETE', `/v1/webhooks/${id}`, { token: foreign.token })).statusCode).toBe(404);
  expect((await api.request('GET', `/v1/webhooks/${id}/deliveries`, { token: foreign.token })).statusCode).toBe(404);
  expect((await api.request('GET', '/v1/webhooks', { token: foreign.token })).json().webhooks).toEqual([]);
  expect((await api.request('GET', `/v1/webhooks/${id}/deliveries?status=failed`)).json()).toEqual({ deliveries: [], nextCursor: null });
  expect((await api.request('GET', `/v1/webhooks/${id}/deliveries?status=lost`)).statusCode).toBe(400);
});

it('keeps the signing secrets out of the database dump, the event log and the logs', async () => {
  const generated = (await register(valid)).json().secret as string;
  const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', api.databaseUrl], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(dump).toContain('WebhookRegistered');
  expect(dump).toContain('kl_webhook_secrets');
  for (const secret of [generated, OWN_SECRET]) {
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(Buffer.from(secret).toString('base64'));
    expect(api.logs.join('\n')).not.toContain(secret);
  }
});

it('documents the webhook routes in the OpenAPI document', async () => {
  const doc = (await api.request('GET', '/docs/openapi.json', { token: null })).json();
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/v1/webhooks',
      '/v1/webhooks/{id}',
      '/v1/webhooks/{id}/deliveries',
      '/v1/webhooks/{id}/deliveries/{deliveryId}/replay',
    ]),
  );
});
