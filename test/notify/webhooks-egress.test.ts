import type { INestApplicationContext } from '@nestjs/common';
import { parseCidr, webhookEgress } from '#egress';
import { createWorker } from '../../apps/worker/src/worker.factory.js';
import { postJson } from '../../apps/worker/src/webhooks/send-webhook.js';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { tableResolver } from '../support/table-resolver.js';

// Webhook deliveries go only where the egress policy allows: by default not
// to loopback, private, link-local or metadata addresses. The receiver on
// 127.0.0.1 stands for an internal service a tenant admin should not be able
// to reach; it must receive nothing. Other addresses are shown through names
// a test resolver maps to them, refused before any connection.
const TABLE: Record<string, string[]> = {
  'imds.test': ['169.254.169.254'],
  'mapped.test': ['::ffff:169.254.169.254'],
  'intranet.test': ['10.1.2.3'],
  'cgnat.test': ['100.64.0.9'],
  'ula.test': ['fd12:3456::1'],
  'local.test': ['127.0.0.1'],
};
const { resolver, asked } = tableResolver(TABLE);
const strict = webhookEgress({ allow: [], webhookAllowPrivate: false }, resolver);
const post = (url: string, egress = strict) => postJson(url, '{"ping":true}', { 'keyledger-event': 'ping' }, 2000, egress);

let inbox: WebhookReceiver;
beforeAll(async () => {
  inbox = await startWebhookReceiver();
});
afterAll(() => inbox.close());

const port = () => new URL(inbox.url).port;

describe('a webhook delivery', () => {
  it.each([
    ['http://imds.test:PORT/hook', 'egress refused: imds.test resolves to a cloud metadata address'],
    ['http://mapped.test:PORT/hook', 'egress refused: mapped.test resolves to a cloud metadata address'],
    ['http://169.254.169.254/latest/meta-data/', 'egress refused: 169.254.169.254 resolves to a cloud metadata address'],
    ['http://intranet.test:PORT/hook', 'egress refused: intranet.test resolves to a private address'],
    ['http://cgnat.test:PORT/hook', 'egress refused: cgnat.test resolves to a private address'],
    ['https://ula.test:PORT/hook', 'egress refused: ula.test resolves to a private address'],
    ['http://local.test:PORT/hook?token=receiver-token', 'egress refused: local.test resolves to a loopback address'],
    ['http://127.0.0.1:PORT/hook', 'egress refused: 127.0.0.1 resolves to a loopback address'],
    ['http://[::ffff:127.0.0.1]:PORT/hook', 'egress refused: ::ffff:7f00:1 resolves to a loopback address'],
    ['http://0.0.0.0:PORT/hook', 'egress refused: 0.0.0.0 resolves to a loopback address'],
  ])('to %s is refused before connecting, and says why without the path or query', async (url, error) => {
    const before = inbox.received.length;
    expect(await post(url.replace('PORT', port()))).toEqual({ ok: false, statusCode: null, error });
    expect(inbox.received.length).toBe(before);
  });

  it('reaches a loopback receiver with KEYLEDGER_WEBHOOK_ALLOW_PRIVATE, never a metadata address', async () => {
    const relaxed = webhookEgress({ allow: [], webhookAllowPrivate: true }, resolver);
    const before = inbox.received.length;
    expect(await post(inbox.url, relaxed)).toEqual({ ok: true, statusCode: 200, error: null });
    expect(await post(`http://imds.test:${port()}/hook`, relaxed)).toMatchObject({
      error: 'egress refused: imds.test resolves to a cloud metadata address',
    });
    expect(inbox.received.length).toBe(before + 1);
  });

  it('reaches an allow-listed address, by the address the policy checked', async () => {
    const allowing = webhookEgress({ allow: [parseCidr('127.0.0.1')!], webhookAllowPrivate: false }, resolver);
    asked.length = 0;
    const before = inbox.received.length;
    // local.test is known to the test resolver only: a second lookup by the HTTP client would fail.
    expect(await post(`http://local.test:${port()}/hook`, allowing)).toEqual({ ok: true, statusCode: 200, error: null });
    expect(asked).toEqual(['local.test']);
    expect(inbox.received.length).toBe(before + 1);
    expect(inbox.received.at(-1)!.headers.host).toBe(`local.test:${port()}`);
    expect(await post(`http://intranet.test:${port()}/hook`, allowing)).toMatchObject({ error: expect.stringMatching(/private address/) });
  });
});

describe('the worker, with the default policy', () => {
  const prefix = testRedisPrefix('webhooks_egress');
  let api: TestApi;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    await deleteRedisKeys(prefix);
    api = await startTestApi('webhooks_egress', { KEYLEDGER_REDIS_PREFIX: prefix, KEYLEDGER_WEBHOOK_ATTEMPTS: '1' });
    worker = await createWorker(api.config, { logStream: { write: () => {} } });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await deleteRedisKeys(prefix);
  });

  it('records a delivery to a loopback receiver as failed, with the refusal, and sends it nothing', async () => {
    const before = inbox.received.length;
    const hook = (await api.request('POST', '/v1/webhooks', { body: { url: inbox.url, events: ['credential.rotated'] } })).json();
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('egress-rotated') })).json();
    await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('ROTATED7') } });
    const failed = async () =>
      (await api.request('GET', `/v1/webhooks/${hook.id}/deliveries?status=failed`)).json().deliveries as Record<string, unknown>[];
    await eventually(async () => (await failed()).length === 1, 15_000, 'a failed delivery');
    expect((await failed())[0]).toMatchObject({
      attempts: 1,
      lastStatusCode: null,
      lastError: 'egress refused: 127.0.0.1 resolves to a loopback address',
    });
    const [event] = await api.orm.em
      .fork()
      .execute<{ data: Record<string, unknown> }[]>(`select data from kl_events where stream_id = ? and type = 'WebhookDeliveryFailed'`, [
        `webhook-delivery-${hook.id}`,
      ]);
    expect(event!.data).toMatchObject({ error: 'egress refused: 127.0.0.1 resolves to a loopback address', lastStatusCode: null });
    expect(inbox.received.length).toBe(before);
  });
});
