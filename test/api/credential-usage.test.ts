import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// GET /v1/credentials/{id}/usage: who read a secret, how often and when
// last, from the audit trail; refused reads counted apart; never the secret.
const SECRET = openAiKey('UsageSecret00042');
let api: TestApi;
let id: string;
let reader: TestPrincipal;
let stranger: TestPrincipal;
let auditor: TestPrincipal;

beforeAll(async () => {
  api = await startTestApi('api_credential_usage');
  id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('usage-probe', SECRET) })).json().id;
  [reader, stranger, auditor] = await Promise.all([
    createPrincipal(api, 'service', { name: 'usage-reader' }),
    createPrincipal(api, 'service', { name: 'usage-stranger' }),
    createPrincipal(api, 'auditor', { name: 'usage-auditor' }),
  ]);
  await api.request('POST', `/v1/credentials/${id}/grants`, { body: { principalId: reader.principalId, permission: 'use' } });
});

afterAll(async () => {
  await api?.close();
});

const usage = (token?: string) => api.request('GET', `/v1/credentials/${id}/usage`, token ? { token } : {});

it('counts each reader’s successful reads, the refused ones apart, most recent reader first', async () => {
  expect((await usage()).json()).toEqual({ credentialId: id, reads: 0, denied: 0, readers: [] });
  expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(200);
  expect((await api.request('POST', `/v1/credentials/${id}/reveal`, { token: reader.token })).statusCode).toBe(200);
  expect((await api.request('POST', `/v1/credentials/${id}/reveal`, { token: reader.token })).statusCode).toBe(200);
  expect((await api.request('POST', `/v1/credentials/${id}/reveal`, { token: stranger.token })).statusCode).toBe(404);
  await eventually(
    async () => {
      const { reads, denied } = (await usage()).json();
      return reads === 3 && denied === 1;
    },
    20_000,
    'the reads and the refusal reach the audit trail',
  );
  const body = (await usage()).json();
  expect(body).toEqual({
    credentialId: id,
    reads: 3,
    denied: 1,
    readers: [
      { actor: reader.principalId, reads: 2, firstReadAt: expect.any(String), lastReadAt: expect.any(String) },
      { actor: expect.not.stringMatching(reader.principalId), reads: 1, firstReadAt: expect.any(String), lastReadAt: expect.any(String) },
    ],
  });
  const [latest, earlier] = body.readers;
  expect(Date.parse(latest.lastReadAt)).toBeGreaterThanOrEqual(Date.parse(earlier.lastReadAt));
  expect(Date.parse(latest.firstReadAt)).toBeLessThanOrEqual(Date.parse(latest.lastReadAt));
  expect(JSON.stringify(body)).not.toContain(SECRET);
});

it('answers auditors, refuses services, and hides other tenants’ credentials', async () => {
  expect((await usage(auditor.token)).statusCode).toBe(200);
  expect((await usage(reader.token)).statusCode).toBe(403);
  const other = await createPrincipal(api, 'admin', { tenant: 'usage-other-tenant' });
  expect((await usage(other.token)).statusCode).toBe(404);
  expect((await api.request('GET', '/v1/credentials/not-a-uuid/usage')).statusCode).toBe(400);
});
