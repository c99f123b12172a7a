import { randomUUID } from 'node:crypto';
import { startTestApi, type Reply, type TestApi } from '../support/api.js';
import { createPrincipal } from '../support/principals.js';

// Idempotency-Key on the principal, token and webhook commands, as on the
// credential commands: a retry replays the first response (same status and
// body, `Idempotent-Replayed: true`) and writes nothing new; the same key
// with another request is 422. The shown-once routes refuse the key.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_idempotency_routes');
});
afterAll(() => api.close());

const key = (name: string) => ({ 'idempotency-key': `${name}-${randomUUID()}` });
const streamEvents = async (streamId: string) =>
  (
    await api.orm.em
      .fork()
      .execute<{ type: string }[]>(`select type from kl_events where stream_id = ? order by global_position`, [streamId])
  ).map((e) => e.type);
const count = async (sql: string, params: unknown[] = []) =>
  (await api.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from ${sql}`, params))[0]!.n;
const register = async () =>
  (
    await api.request('POST', '/v1/webhooks', {
      body: { url: 'https://hooks.example.com/in', events: ['credential.expired'], secret: 'own-signing-secret-0123456789-abcdefghij' },
    })
  ).json().id as string;

function expectReplayOf(retry: Reply, first: Reply): void {
  expect(retry.statusCode).toBe(first.statusCode);
  // The body as JSON (a stored body keeps its values, not its key order); none for a 204.
  if (first.body === '') expect(retry.body).toBe('');
  else expect(retry.json()).toEqual(first.json());
  expect(retry.headers['idempotent-replayed']).toBe('true');
  expect(first.headers['idempotent-replayed']).toBeUndefined();
}

function expectReused(reply: Reply): void {
  expect(reply.statusCode).toBe(422);
  expect(reply.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
}

describe('POST /v1/principals', () => {
  it('replays the first 201 for a retry and creates no second principal', async () => {
    const headers = key('principal');
    const body = { name: 'idempotent-ops', role: 'operator', teams: ['ops'] };
    const first = await api.request('POST', '/v1/principals', { body, headers });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ name: 'idempotent-ops', role: 'operator', version: 1 });
    const principals = await count('kl_principals');
    const retry = await api.request('POST', '/v1/principals', { body, headers });
    expectReplayOf(retry, first);
    expect(await count('kl_principals')).toBe(principals);
    expect(await count(`kl_events where type = 'PrincipalCreated' and data->>'name' = ?`, ['idempotent-ops'])).toBe(1);
    // Without the key the same body is a second request: the name is taken.
    expect((await api.request('POST', '/v1/principals', { body })).statusCode).toBe(409);
  });

  it('answers 422 to the same key with another body, and creates nothing', async () => {
    const headers = key('principal-reuse');
    expect((await api.request('POST', '/v1/principals', { body: { name: 'first-svc', role: 'service' }, headers })).statusCode).toBe(201);
    const principals = await count('kl_principals');
    expectReused(await api.request('POST', '/v1/principals', { body: { name: 'second-svc', role: 'service' }, headers }));
    expect(await count('kl_principals')).toBe(principals);
    expect(await count(`kl_events where data->>'name' = ?`, ['second-svc'])).toBe(0);
  });

  it('runs two concurrent requests with one key once: the second waits and replays the first', async () => {
    const headers = key('principal-concurrent');
    const body = { name: 'concurrent-svc', role: 'service' };
    const replies = await Promise.all([0, 1].map(() => api.request('POST', '/v1/principals', { body, headers })));
    expect(replies.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(replies.map((r) => r.json().id)).toEqual([replies[0]!.json().id, replies[0]!.json().id]);
    expect(replies.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    expect(await count(`kl_principals where name = ?`, ['concurrent-svc'])).toBe(1);
  });
});

describe('DELETE /v1/tokens/{id}', () => {
  it('replays the first 200 for a retry and records no second revocation', async () => {
    const holder = await createPrincipal(api, 'service');
    const headers = key('revoke');
    const first = await api.request('DELETE', `/v1/tokens/${holder.tokenId}`, { headers });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id: holder.tokenId, status: 'revoked' });
    const retry = await api.request('DELETE', `/v1/tokens/${holder.tokenId}`, { headers });
    expectReplayOf(retry, first);
    expect(await streamEvents(`principal-${holder.principalId}`)).toEqual(['PrincipalCreated', 'TokenIssued', 'TokenRevoked']);
    expect((await api.request('GET', '/v1/templates', { token: holder.token })).statusCode).toBe(401);
  });

  it('answers 422 to the same key for another token, which stays active', async () => {
    const [revoked, kept] = await Promise.all([createPrincipal(api, 'service'), createPrincipal(api, 'service')]);
    const headers = key('revoke-reuse');
    expect((await api.request('DELETE', `/v1/tokens/${revoked.tokenId}`, { headers })).statusCode).toBe(200);
    expectReused(await api.request('DELETE', `/v1/tokens/${kept.tokenId}`, { headers }));
    expect(await streamEvents(`principal-${kept.principalId}`)).toEqual(['PrincipalCreated', 'TokenIssued']);
    expect((await api.request('GET', '/v1/templates', { token: kept.token })).statusCode).toBe(200);
  });
});

describe('PATCH /v1/webhooks/{id}', () => {
  it('replays the first 200 and its ETag for a retry, even when its If-Match is stale by now', async () => {
    const id = await register();
    const headers = { ...key('change'), 'if-match': '"1"' };
    const first = await api.request('PATCH', `/v1/webhooks/${id}`, { body: { description: 'paged' }, headers });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.json()).toMatchObject({ id, description: 'paged', version: 2 });
    const retry = await api.request('PATCH', `/v1/webhooks/${id}`, { body: { description: 'paged' }, headers });
    expectReplayOf(retry, first);
    expect(retry.headers.etag).toBe('"2"');
    expect(await streamEvents(`webhook-${id}`)).toEqual(['WebhookRegistered', 'WebhookChanged']);
  });

  it('answers 422 to the same key with another body, and changes nothing', async () => {
    const id = await register();
    const headers = key('change-reuse');
    expect((await api.request('PATCH', `/v1/webhooks/${id}`, { body: { description: 'one' }, headers })).statusCode).toBe(200);
    expectReused(await api.request('PATCH', `/v1/webhooks/${id}`, { body: { description: 'two' }, headers }));
    expect(await streamEvents(`webhook-${id}`)).toEqual(['WebhookRegistered', 'WebhookChanged']);
    expect((await api.request('GET', `/v1/webhooks/${id}`)).json()).toMatchObject({ description: 'one', version: 2 });
  });
});

describe('DELETE /v1/webhooks/{id}', () => {
  it('replays the first 204, without a body, for a retry and deletes nothing twice', async () => {
    const id = await register();
    const headers = key('delete');
    const first = await api.request('DELETE', `/v1/webhooks/${id}`, { headers });
    expect(first.statusCode).toBe(204);
    expect(first.body).toBe('');
    const retry = await api.request('DELETE', `/v1/webhooks/${id}`, { headers });
    expectReplayOf(retry, first);
    expect(await streamEvents(`webhook-${id}`)).toEqual(['WebhookRegistered', 'WebhookDeleted']);
    // Without the key, deleting again is a new request: the webhook is gone.
    expect((await api.request('DELETE', `/v1/webhooks/${id}`)).statusCode).toBe(404);
  });

  it('answers 422 to the same key for another webhook, which stays', async () => {
    const [deleted, kept] = [await register(), await register()];
    const headers = key('delete-reuse');
    expect((await api.request('DELETE', `/v1/webhooks/${deleted}`, { headers })).statusCode).toBe(204);
    expectReused(await api.request('DELETE', `/v1/webhooks/${kept}`, { headers }));
    expect(await streamEvents(`webhook-${kept}`)).toEqual(['WebhookRegistered']);
    expect((await api.request('GET', `/v1/webhooks/${kept}`)).statusCode).toBe(200);
  });

  it('honours If-Match like a change', async () => {
    const id = await register();
    await api.request('PATCH', `/v1/webhooks/${id}`, { body: { description: 'v2' } });
    expect((await api.request('DELETE', `/v1/webhooks/${id}`, { headers: { 'if-match': '"1"' } })).statusCode).toBe(412);
    expect((await api.request('DELETE', `/v1/webhooks/${id}`, { headers: { 'if-match': '"2"' } })).statusCode).toBe(204);
  });
});

describe('POST /v1/webhooks/{id}/deliveries/{deliveryId}/replay', () => {
  /** A delivery that has failed its tries, as the worker leaves it. */
  async function failedDelivery(webhookId: string): Promise<string> {
    const id = randomUUID();
    await api.orm.em.fork().execute(
      `insert into kl_webhook_deliveries (id, tenant, webhook_id, event_id, notification_type, status, attempts, last_status_code, last_error)
       values (?, 'default', ?, ?, 'credential.expired', 'failed', 3, 503, 'receiver answered 503')`,
      [id, webhookId, randomUUID()],
    );
    return id;
  }
  const replays = async (deliveryId: string) =>
    (
      await api.orm.em
        .fork()
        .execute<{ replays: number; status: string }[]>(`select replays, status from kl_webhook_deliveries where id = ?`, [deliveryId])
    )[0];

  it('replays the first 202 for a retry and requests no second replay', async () => {
    const webhookId = await register();
    const deliveryId = await failedDelivery(webhookId);
    const headers = key('replay');
    const url = `/v1/webhooks/${webhookId}/deliveries/${deliveryId}/replay`;
    const first = await api.request('POST', url, { headers });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ deliveryId, replay: 1, status: 'pending' });
    const retry = await api.request('POST', url, { headers });
    expectReplayOf(retry, first);
    expect(await replays(deliveryId)).toEqual({ replays: 1, status: 'pending' });
    expect(await streamEvents(`webhook-delivery-${webhookId}`)).toEqual(['WebhookDeliveryReplayRequested']);
    // Without the key, a replay of a pending delivery is refused.
    expect((await api.request('POST', url)).statusCode).toBe(409);
  });

  it('answers 422 to the same key for another delivery, which stays failed', async () => {
    const webhookId = await register();
    const [replayed, kept] = [await failedDelivery(webhookId), await failedDelivery(webhookId)];
    const headers = key('replay-reuse');
    expect((await api.request('POST', `/v1/webhooks/${webhookId}/deliveries/${replayed}/replay`, { headers })).statusCode).toBe(202);
    expectReused(await api.request('POST', `/v1/webhooks/${webhookId}/deliveries/${kept}/replay`, { headers }));
    expect(await replays(kept)).toEqual({ replays: 0, status: 'failed' });
    expect(await streamEvents(`webhook-delivery-${webhookId}`)).toEqual(['WebhookDeliveryReplayRequested']);
  });
});

describe('every command route', () => {
  // Reveal, lookup and the check before saving are reads that leave a record, not commands.
  const READS = ['POST /v1/credentials/{id}/reveal', 'POST /v1/credentials/lookup', 'POST /v1/credentials/test'];
  const SHOWN_ONCE = ['POST /v1/tokens', 'POST /v1/webhooks'];

  it('documents Idempotency-Key, except the two whose response holds a secret shown once', async () => {
    const doc = (await api.request('GET', '/docs/openapi.json', { token: null })).json();
    const commands: { route: string; takesKey: boolean }[] = [];
    for (const [path, operations] of Object.entries<Record<string, { parameters?: { in: string; name: string }[] }>>(doc.paths)) {
      if (!path.startsWith('/v1/')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`;
        if (method === 'get' || READS.includes(route)) continue;
        const takesKey = (operation.parameters ?? []).some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
        commands.push({ route, takesKey });
      }
    }
    expect(commands.length).toBeGreaterThan(15);
    expect(
      commands
        .filter((c) => !c.takesKey)
        .map((c) => c.route)
        .sort(),
    ).toEqual(SHOWN_ONCE);
  });

  it('refuses Idempotency-Key on the shown-once routes', async () => {
    const token = await api.request('POST', '/v1/tokens', {
      body: { principal: { name: 'shown-once', role: 'service' } },
      headers: key('token'),
    });
    expect(token.statusCode).toBe(400);
    const webhook = await api.request('POST', '/v1/webhooks', {
      body: { url: 'https://hooks.example.com/in', events: ['credential.expired'] },
      headers: key('webhook'),
    });
    expect(webhook.statusCode).toBe(400);
    expect(await count(`kl_principals where name = 'shown-once'`)).toBe(0);
  });
});
