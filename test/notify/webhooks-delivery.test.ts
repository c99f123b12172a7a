import { createHmac } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobType, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '#config';
import { resetCheckpoint } from '#event-store';
import { createWorker } from '../../apps/worker/src/worker.factory.js';
import { DISPATCH_CONSUMER } from '../../apps/worker/src/dispatch/job-dispatcher.js';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { createPrincipal } from '../support/principals.js';
import { deleteRedisKeys, readKey, testRedisPrefix } from '../support/redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

// End to end: the API records events, a worker created in-process dispatches
// them, fans out and delivers to receivers on loopback, which the egress
// policy lets webhooks reach only with KEYLEDGER_WEBHOOK_ALLOW_PRIVATE. Three
// tries 100 ms apart (doubling) keep retries fast.
const prefix = testRedisPrefix('webhooks_delivery');
let api: TestApi;
let worker: INestApplicationContext;
const workerLogs: string[] = [];
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  await deleteRedisKeys(prefix);
  api = await startTestApi('webhooks_delivery', {
    KEYLEDGER_REDIS_PREFIX: prefix,
    KEYLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
    KEYLEDGER_WEBHOOK_ATTEMPTS: '3',
    KEYLEDGER_WEBHOOK_BACKOFF: '100ms',
    KEYLEDGER_WEBHOOK_TIMEOUT: '2s',
    KEYLEDGER_EXPIRY_SCAN_INTERVAL: '1s',
  });
  worker = await createWorker(api.config, { logStream: { write: (line: string) => void workerLogs.push(line) } });
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
  await Promise.all(receivers.map((r) => r.close()));
  await deleteRedisKeys(prefix);
});

async function receiver(): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver();
  receivers.push(started);
  return started;
}

async function webhook(url: string, events: string[], token?: string): Promise<{ id: string; secret: string }> {
  const reply = await api.request('POST', '/v1/webhooks', { body: { url, events }, token });
  expect(reply.statusCode).toBe(201);
  return reply.json();
}

async function rotatedCredential(name: string, token?: string): Promise<{ id: string; eventId: string }> {
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential(name), token })).json();
  expect((await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('ROTATED9') }, token })).statusCode).toBe(
    200,
  );
  const [rotated] = await api.orm.em
    .fork()
    .execute<{ event_id: string }[]>(`select event_id from kl_events where stream_id = ? and type = 'SecretRotated'`, [`credential-${id}`]);
  return { id, eventId: rotated!.event_id };
}

const deliveries = async (webhookId: string, status = '') =>
  (await api.request('GET', `/v1/webhooks/${webhookId}/deliveries${status ? `?status=${status}` : ''}`)).json().deliveries as Record<
    string,
    any
  >[];

const queue = (name: string) => worker.get<Queue>(getQueueToken(name), { strict: false });

/** Jobs of a queue still to run: waiting, running, or delayed (a retry, a scheduled job). */
async function unfinished(
  name: string,
  states: JobType[] = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children'],
): Promise<number> {
  const counts = await queue(name).getJobCounts(...states);
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/**
 * Resolves once the worker has done all that the events committed so far ask
 * for: the job dispatcher's checkpoint has reached the last of them (in the
 * log's order), then no fan-out job, then no delivery job is left to run.
 */
async function caughtUp(): Promise<void> {
  const em = () => api.orm.em.fork();
  const [last] = await em().execute<{ xid: string; position: string }[]>(
    `select transaction_id::text as xid, global_position::text as position from kl_events
     order by transaction_id desc, global_position desc limit 1`,
  );
  await eventually(
    async () => {
      const [checkpoint] = await em().execute<{ passed: boolean }[]>(
        `select (transaction_id, global_position) >= (?::xid8, ?::bigint) as passed from kl_projection_checkpoints where name = ?`,
        [last!.xid, last!.position, DISPATCH_CONSUMER],
      );
      return checkpoint?.passed === true;
    },
    10_000,
    'the dispatcher past the last event',
  );
  for (const name of ['webhook-fanout', 'webhook-delivery']) {
    await eventually(async () => (await unfinished(name)) === 0, 10_000, `every ${name} job run`);
  }
}

it('delivers a signed notification the receiver can verify, without secrets or ciphertext', async () => {
  const inbox = await receiver();
  const hook = await webhook(inbox.url, ['credential.rotated']);
  const { id, eventId } = await rotatedCredential('webhook-signed');
  await eventually(async () => inbox.received.length === 1, 10_000, 'the delivery');
  const [request] = inbox.received;
  const signature = String(request!.headers['keyledger-signature']);
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
  expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
  expect(v1).toBe(createHmac('sha256', hook.secret).update(`${t}.${request!.body}`).digest('hex'));
  expect(request!.headers['keyledger-event']).toBe('credential.rotated');
  expect(request!.headers['content-type']).toBe('application/json');
  const payload = JSON.parse(request!.body);
  expect(payload).toEqual({
    id: eventId,
    type: 'credential.rotated',
    tenant: 'default',
    occurredAt: expect.any(String),
    data: { credentialId: id, secretVersion: 2, actor: 'bootstrap-admin' },
  });
  expect(request!.body).not.toMatch(/kl1\.|ROTATED9|ciphertext/);
  await eventually(async () => (await deliveries(hook.id))[0]?.status === 'delivered', 5000, 'delivered status');
  const [delivery] = await deliveries(hook.id);
  expect(delivery).toMatchObject({
    id: request!.headers['keyledger-delivery'],
    eventId,
    type: 'credential.rotated',
    attempts: 1,
    lastStatusCode: 200,
  });
});

it('retries a receiver that answers 500 twice, and delivers on the third try', async () => {
  const inbox = await receiver();
  inbox.answer([500, 500]);
  const hook = await webhook(inbox.url, ['credential.rotated']);
  const { eventId } = await rotatedCredential('webhook-flaky');
  await eventually(async () => (await deliveries(hook.id))[0]?.status === 'delivered', 10_000, 'delivery after retries');
  expect(inbox.received).toHaveLength(3);
  expect(new Set(inbox.received.map((r) => r.headers['keyledger-delivery'])).size).toBe(1);
  expect(inbox.received.map((r) => JSON.parse(r.body).id)).toEqual([eventId, eventId, eventId]);
  expect((await deliveries(hook.id))[0]).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null });
});

it('keeps a delivery that never succeeds as failed, lists it, and delivers it on replay once the receiver is fixed', async () => {
  const inbox = await receiver();
  inbox.answer([], 503);
  const hook = await webhook(inbox.url, ['credential.rotated']);
  const { eventId } = await rotatedCredential('webhook-down');
  await eventually(async () => (await deliveries(hook.id, 'failed')).length === 1, 10_000, 'a failed delivery');
  const [failed] = await deliveries(hook.id, 'failed');
  expect(failed).toMatchObject({ eventId, attempts: 3, lastStatusCode: 503, lastError: 'receiver answered 503', replays: 0 });
  expect(inbox.received).toHaveLength(3);
  const audit = await api.orm.em
    .fork()
    .execute<{ type: string; data: Record<string, unknown> }[]>(`select type, data from kl_events where stream_id = ?`, [
      `webhook-delivery-${hook.id}`,
    ]);
  expect(audit).toEqual([
    { type: 'WebhookDeliveryFailed', data: expect.objectContaining({ deliveryId: failed!.id, attempts: 3, lastStatusCode: 503 }) },
  ]);

  inbox.answer([], 200);
  const replay = await api.request('POST', `/v1/webhooks/${hook.id}/deliveries/${failed!.id}/replay`);
  expect(replay.statusCode).toBe(202);
  expect(replay.json()).toEqual({ deliveryId: failed!.id, replay: 1, status: 'pending' });
  expect((await api.request('POST', `/v1/webhooks/${hook.id}/deliveries/${failed!.id}/replay`)).statusCode).toBe(409);
  await eventually(async () => (await deliveries(hook.id))[0]?.status === 'delivered', 10_000, 'delivery on replay');
  expect(inbox.received).toHaveLength(4);
  expect(JSON.parse(inbox.received[3]!.body).id).toBe(eventId);
  expect((await deliveries(hook.id))[0]).toMatchObject({ attempts: 4, replays: 1, lastStatusCode: 200 });
  expect(await deliveries(hook.id, 'failed')).toEqual([]);
  const missing = '00000000-0000-4000-8000-000000000000';
  expect((await api.request('POST', `/v1/webhooks/${hook.id}/deliveries/${missing}/replay`)).statusCode).toBe(404);
});

it('sends nothing twice when the events are dispatched again, even after Redis forgot the jobs', async () => {
  const inbox = await receiver();
  const hook = await webhook(inbox.url, ['credential.rotated']);
  await rotatedCredential('webhook-redelivered');
  await eventually(async () => inbox.received.length === 1, 10_000, 'the delivery');
  await api.orm.em.fork().transactional((tx) => resetCheckpoint(tx, DISPATCH_CONSUMER));
  await caughtUp();
  const redis = new Redis(DEFAULT_REDIS_URL);
  try {
    for (const queue of ['webhook-fanout', 'webhook-delivery']) {
      const keys = await redis.keys(`${prefix}:${queue}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  } finally {
    redis.disconnect();
  }
  await api.orm.em.fork().transactional((tx) => resetCheckpoint(tx, DISPATCH_CONSUMER));
  await caughtUp();
  expect(inbox.received).toHaveLength(1);
  expect(await deliveries(hook.id)).toHaveLength(1);
});

it("delivers a tenant's events to that tenant's active webhooks only", async () => {
  const [own, foreign, paused] = [await receiver(), await receiver(), await receiver()];
  const acme = await createPrincipal(api, 'admin', { tenant: 'acme' });
  await webhook(own.url, ['credential.rotated', 'credential.destroyed']);
  await webhook(foreign.url, ['credential.rotated'], acme.token);
  const { id: pausedId } = await webhook(paused.url, ['credential.rotated']);
  await api.request('PATCH', `/v1/webhooks/${pausedId}`, { body: { active: false } });
  const { id } = await rotatedCredential('webhook-tenant');
  await api.request('POST', `/v1/credentials/${id}/destroy`);
  await eventually(async () => own.received.length === 2, 10_000, 'both deliveries');
  await caughtUp();
  // Deliveries run concurrently: no order is promised (receivers order by occurredAt).
  expect(own.received.map((r) => r.headers['keyledger-event']).sort()).toEqual(['credential.destroyed', 'credential.rotated']);
  expect(foreign.received).toEqual([]);
  expect(paused.received).toEqual([]);
});

it('delivers expiry reminders found by the scheduled scan', async () => {
  const inbox = await receiver();
  await webhook(inbox.url, ['credential.expiring', 'credential.expired']);
  const expiresAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const { id } = (await api.request('POST', '/v1/credentials', { body: { ...openAiCredential('webhook-expiring'), expiresAt } })).json();
  await eventually(async () => inbox.received.length === 1, 15_000, 'the reminder');
  const payload = JSON.parse(inbox.received[0]!.body);
  expect(payload).toMatchObject({
    type: 'credential.expiring',
    data: { credentialId: id, threshold: '7d', thresholdSeconds: 604_800, expiresAt },
  });
  // A later scan finds the reminder recorded: it has run, with what it enqueued, and whatever that recorded is delivered.
  const delivered = Date.now();
  const scannedSince = async () =>
    (await queue('expiry').getJobs(['completed'])).some((job) => job.name === 'scan' && (job.processedOn ?? 0) > delivered);
  await eventually(scannedSince, 10_000, 'a scan after the reminder');
  await eventually(
    async () => (await unfinished('expiry', ['waiting', 'prioritized', 'active'])) === 0,
    10_000,
    "the scan's reminders run",
  );
  await caughtUp();
  expect(inbox.received).toHaveLength(1);
});

it('writes no signing secret to the logs or to Redis', async () => {
  const generated = (await webhook((await receiver()).url, ['credential.rotated'])).secret;
  await rotatedCredential('webhook-leak');
  await caughtUp();
  const redis = new Redis(DEFAULT_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      expect(JSON.stringify(await readKey(redis, key))).not.toContain(generated);
    }
  } finally {
    redis.disconnect();
  }
  // nestjs-pino keeps one root logger per process: with the API and the worker in one process, lines may land in either.
  const logs = [...workerLogs, ...api.logs].join('\n');
  expect(logs).toContain('receiver answered 503');
  expect(logs).not.toContain(generated);
});
