import { EnvKeyProvider } from '#crypto';
import { runSystemCommand, WORKER_ACTOR } from '#credential-store';
import { systemEnvironment } from '#event-store';
import { Vault } from '#secrets';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// GET /v1/credentials/summary: counts by status and category, the active
// credentials expiring soon and those failing their health check, over what
// the caller may read; never a secret.
const DAY = 86_400_000;
const SECRET = openAiKey('SummarySecret777');
let api: TestApi;
let vault: Vault;
let service: TestPrincipal;
let auditor: TestPrincipal;
let operator: TestPrincipal;
const ids: Record<string, string> = {};

const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function create(body: Record<string, unknown>): Promise<string> {
  const reply = await api.request('POST', '/v1/credentials', { body });
  if (reply.statusCode !== 201) throw new Error(`create ${String(body.name)}: ${reply.statusCode} ${reply.body}`);
  ids[String(body.name)] = reply.json().id;
  return reply.json().id;
}

/** Records a health-check result as the worker does, for one schedule slot. */
async function recordTest(credentialId: string, slot: string, error: string | null): Promise<void> {
  const outcome = error === null ? { ok: true as const, durationMs: 12 } : { ok: false as const, durationMs: 12, error };
  await runSystemCommand(api.orm, vault, {
    credentialId,
    actor: WORKER_ACTOR,
    env: systemEnvironment(),
    build: (_tx, _state, metadata) => [
      { type: 'RecordCredentialTestResult', data: { credentialId, requestId: null, slot, ...outcome }, metadata },
    ],
  });
}

const summary = async (query = '', token?: string) => {
  const reply = await api.request('GET', `/v1/credentials/summary${query}`, token ? { token } : {});
  expect(reply.statusCode).toBe(200);
  return reply.json();
};
const names = (selection: { credentials: { name: string }[] }) => selection.credentials.map((c) => c.name);

beforeAll(async () => {
  api = await startTestApi('api_credential_summary');
  vault = new Vault(new EnvKeyProvider(api.config.masterKeys));
  await create({ ...openAiCredential('chat-prod', SECRET), expiresAt: inDays(10) });
  await create({ ...openAiCredential('chat-staging'), expiresAt: inDays(3) });
  await create({ ...openAiCredential('chat-later'), expiresAt: inDays(90) });
  await create({ name: 'lapsed-token', type: 'bearer_token', secret: 'Lapsed-Bearer-Secret-1', expiresAt: inDays(-2) });
  await create({ name: 'deploy-key', type: 'api_key', secret: 'Deploy-Api-Key-Secret-2' });
  const retired = await create({ name: 'retired', type: 'api_key', secret: 'Retired-Api-Key-Secret-3', expiresAt: inDays(1) });
  expect((await api.request('DELETE', `/v1/credentials/${retired}`)).statusCode).toBe(200);
  const shredded = await create({ name: 'shredded', type: 'api_key', secret: 'Shredded-Api-Key-Secret-4' });
  expect((await api.request('POST', `/v1/credentials/${shredded}/destroy`)).statusCode).toBe(200);

  await recordTest(ids['chat-prod']!, '2026-01-01T00:00:00.000Z', 'HTTP 401 from api.openai.com');
  await recordTest(ids['deploy-key']!, '2026-01-01T00:00:00.000Z', 'connection refused');
  await recordTest(ids['deploy-key']!, '2026-01-01T06:00:00.000Z', 'connection timed out');
  await recordTest(ids['chat-later']!, '2026-01-01T00:00:00.000Z', 'HTTP 500');
  await recordTest(ids['chat-later']!, '2026-01-01T06:00:00.000Z', null);

  [service, auditor, operator] = await Promise.all([
    createPrincipal(api, 'service', { name: 'summary-service' }),
    createPrincipal(api, 'auditor', { name: 'summary-auditor' }),
    createPrincipal(api, 'operator', { name: 'summary-operator' }),
  ]);
  const grant = await api.request('POST', `/v1/credentials/${ids['chat-staging']}/grants`, {
    body: { principalId: service.principalId, permission: 'use' },
  });
  expect(grant.statusCode).toBe(201);
});

afterAll(async () => {
  await api?.close();
});

describe('GET /v1/credentials/summary', () => {
  it('counts credentials by status and the active ones by the category of their template', async () => {
    const body = await summary();
    expect(body).toMatchObject({
      total: 7,
      byStatus: { active: 5, inactive: 1, destroyed: 1 },
      byCategory: { service: 3, seed: 2 },
      expiringWithinDays: 30,
    });
  });

  it('lists the active credentials expired or expiring within 30 days, soonest first', async () => {
    const { expiring } = await summary();
    expect(expiring.total).toBe(3);
    expect(names(expiring)).toEqual(['lapsed-token', 'chat-staging', 'chat-prod']);
    expect(expiring.credentials[1]).toMatchObject({ id: ids['chat-staging'], type: 'openai', status: 'active' });
    const wider = await summary('?expiring_within_days=120');
    expect(names(wider.expiring)).toEqual(['lapsed-token', 'chat-staging', 'chat-prod', 'chat-later']);
    expect(wider.expiringWithinDays).toBe(120);
  });

  it('lists the active credentials whose last health check failed, with its message, most recently tested first', async () => {
    const { failing } = await summary();
    expect(failing.total).toBe(2);
    expect(failing.credentials.map((c: { name: string; lastTestError: string }) => [c.name, c.lastTestError])).toEqual([
      ['deploy-key', 'connection timed out'],
      ['chat-prod', 'HTTP 401 from api.openai.com'],
    ]);
    expect(failing.credentials.every((c: { lastTestStatus: string }) => c.lastTestStatus === 'failed')).toBe(true);
  });

  it('lists at most `limit` of each, with the total of all', async () => {
    const { expiring, failing } = await summary('?limit=1');
    expect(expiring).toMatchObject({ total: 3, credentials: [expect.objectContaining({ name: 'lapsed-token' })] });
    expect(expiring.credentials).toHaveLength(1);
    expect(failing.total).toBe(2);
    expect(failing.credentials).toHaveLength(1);
  });

  it('never carries a secret', async () => {
    const reply = await api.request('GET', '/v1/credentials/summary');
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toContain('Lapsed-Bearer-Secret-1');
    expect(reply.body).not.toContain('ciphertext');
  });

  it('counts for a service only what it was granted, for operators and auditors the whole tenant', async () => {
    const mine = await summary('', service.token);
    expect(mine).toMatchObject({ total: 1, byStatus: { active: 1, inactive: 0, destroyed: 0 }, byCategory: { service: 1, seed: 0 } });
    expect(names(mine.expiring)).toEqual(['chat-staging']);
    expect(mine.failing).toEqual({ total: 0, credentials: [] });
    for (const token of [auditor.token, operator.token]) expect((await summary('', token)).total).toBe(7);
  });

  it('shows another tenant nothing of this one', async () => {
    const other = await createPrincipal(api, 'admin', { tenant: 'summary-other-tenant' });
    expect(await summary('', other.token)).toEqual({
      total: 0,
      byStatus: { active: 0, inactive: 0, destroyed: 0 },
      byCategory: { service: 0, seed: 0 },
      expiringWithinDays: 30,
      expiring: { total: 0, credentials: [] },
      failing: { total: 0, credentials: [] },
    });
  });

  it('refuses a window or a limit out of range, naming the parameter', async () => {
    for (const [query, field] of [
      ['?expiring_within_days=0', 'expiring_within_days'],
      ['?expiring_within_days=366', 'expiring_within_days'],
      ['?expiring_within_days=soon', 'expiring_within_days'],
      ['?limit=101', 'limit'],
    ] as const) {
      const reply = await api.request('GET', `/v1/credentials/summary${query}`);
      expect(reply.statusCode).toBe(400);
      const { code, details } = reply.json();
      expect(code).toBe('VALIDATION_FAILED');
      expect(details.length).toBeGreaterThan(0);
      expect(details.map((d: { field: string }) => d.field)).toEqual(details.map(() => field));
    }
    expect((await api.request('GET', '/v1/credentials/summary', { token: null })).statusCode).toBe(401);
  });
});
