import { HEAP_AFTER_GC_METRIC } from '#runtime';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal } from '../support/principals.js';

let api: TestApi;
let id: string;
const SECRET = openAiKey('MetricsSecret01');
beforeAll(async () => {
  api = await startTestApi('api_metrics');
  id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('metrics-openai', SECRET) })).json().id;
  await api.request('POST', `/v1/credentials/${id}/reveal`);
  await api.request('POST', `/v1/credentials/${id}/reveal`);
  await api.request('POST', '/v1/credentials/lookup', { body: { name: 'no-such-credential' } });
  await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('MetricsSecret02') } });
  await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: 'not-an-openai-key' } });
});
afterAll(() => api.close());

async function scrape(): Promise<string> {
  const reply = await api.request('GET', '/metrics');
  expect(reply.statusCode).toBe(200);
  expect(reply.headers['content-type']).toContain('text/plain');
  return reply.body;
}

it('counts secret reads and credential writes by outcome', async () => {
  const text = await scrape();
  expect(text).toContain('keyledger_credential_reads_total{channel="reveal",outcome="success"} 2');
  expect(text).toContain('keyledger_credential_reads_total{channel="lookup",outcome="not_found"} 1');
  expect(text).toContain('keyledger_credential_writes_total{command="create",outcome="success"} 1');
  expect(text).toContain('keyledger_credential_writes_total{command="rotate",outcome="success"} 1');
  expect(text).toContain('keyledger_credential_writes_total{command="rotate",outcome="invalid"} 1');
  expect(text).toContain('keyledger_errors_total{code="NOT_FOUND"} 1');
  expect(text).toMatch(/keyledger_http_request_duration_seconds_count\{method="POST",route="\/v1\/credentials\/:id\/reveal"\} 2/);
  expect(text).toContain('keyledger_process_cpu_user_seconds_total');
});

it('reports the resident memory and the heap in use after the last full collection', async () => {
  const text = await scrape();
  expect(text).toMatch(/^keyledger_process_resident_memory_bytes \d+/m);
  expect(text).toMatch(new RegExp(`^${HEAP_AFTER_GC_METRIC} \\d+`, 'm'));
});

it('counts decryption failures', async () => {
  await api.orm.em
    .fork()
    .execute(`update kl_credentials set secret_ciphertext = overlay(secret_ciphertext placing 'AAAA' from 60 for 4) where id = ?`, [id]);
  expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(500);
  expect(await scrape()).toContain('keyledger_errors_total{code="DECRYPTION_FAILED"} 1');
});

it('reports how far each consumer is behind the log', async () => {
  await api.orm.em.fork().execute(`insert into kl_projection_checkpoints (name, global_position) values ('metrics-probe', 0)`);
  const lag = /keyledger_projection_lag_events\{projection="metrics-probe"\} (\d+)/.exec(await scrape());
  expect(Number(lag?.[1])).toBeGreaterThanOrEqual(3);
});

it('labels by route pattern only: no ids, names or secrets', async () => {
  const text = await scrape();
  for (const value of [id, 'metrics-openai', 'no-such-credential', SECRET, api.config.bootstrapToken!]) expect(text).not.toContain(value);
});

it('is not for services', async () => {
  const service = await createPrincipal(api, 'service');
  expect((await api.request('GET', '/metrics', { token: service.token })).statusCode).toBe(403);
  expect((await api.request('GET', '/metrics', { token: null })).statusCode).toBe(401);
});
