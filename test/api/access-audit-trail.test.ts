import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// The access model seen by an auditor, end to end with issued tokens: every
// read and every refusal is in the trail of the refused principal's tenant,
// and the auditor reads the trail and the raw log but never a secret.
let api: TestApi;
let service: TestPrincipal;
let auditor: TestPrincipal;
let theirAuditor: TestPrincipal;
let mine: string;
let theirs: string;
const SECRET = openAiKey('AuditTrail0001');

interface Entry {
  actor: string;
  action: string;
  outcome: string;
  credentialId: string | null;
  details: Record<string, unknown>;
}

async function trail(token: string, query: string): Promise<Entry[]> {
  const reply = await api.request('GET', `/v1/audit${query}`, { token });
  expect(reply.statusCode).toBe(200);
  return reply.json().entries;
}

beforeAll(async () => {
  api = await startTestApi('access_audit_trail');
  [service, auditor] = await Promise.all([createPrincipal(api, 'service'), createPrincipal(api, 'auditor')]);
  const otherAdmin = await createPrincipal(api, 'admin', { tenant: 'initech' });
  theirAuditor = await createPrincipal(api, 'auditor', { tenant: 'initech' });
  mine = (await api.request('POST', '/v1/credentials', { body: openAiCredential('ours', SECRET) })).json().id;
  theirs = (await api.request('POST', '/v1/credentials', { body: openAiCredential('theirs'), token: otherAdmin.token })).json().id;
  await api.request('POST', `/v1/credentials/${mine}/grants`, { body: { principalId: service.principalId, permission: 'use' } });
});
afterAll(() => api.close());

it("records a service's refused read of another tenant's credential in its own tenant's trail, not in theirs", async () => {
  expect((await api.request('POST', `/v1/credentials/${theirs}/reveal`, { token: service.token })).statusCode).toBe(404);
  let entries: Entry[] = [];
  await eventually(
    async () => (entries = await trail(auditor.token, `?actor=${service.principalId}&outcome=denied`)).length >= 1,
    20_000,
    'denied entry',
  );
  expect(entries[0]).toMatchObject({
    action: 'denied',
    outcome: 'denied',
    credentialId: theirs,
    details: expect.objectContaining({ reason: 'not_found' }),
  });
  expect(await trail(theirAuditor.token, `?actor=${service.principalId}`)).toEqual([]);
});

it("records a granted service's reveal, and the auditor sees it but never the secret", async () => {
  const reveal = await api.request('POST', `/v1/credentials/${mine}/reveal`, { token: service.token });
  expect(reveal.json().secret).toBe(SECRET);
  let entries: Entry[] = [];
  await eventually(
    async () => (entries = await trail(auditor.token, `?credentialId=${mine}&action=revealed`)).length >= 1,
    20_000,
    'revealed entry',
  );
  expect(entries[0]).toMatchObject({ actor: service.principalId, outcome: 'success' });
  const log = await api.request('GET', '/v1/events?limit=1000', { token: auditor.token });
  expect(log.statusCode).toBe(200);
  expect(log.body).toContain('SecretRevealed');
  for (const body of [JSON.stringify(entries), log.body]) expect(body).not.toContain(SECRET);
  expect((await api.request('GET', '/v1/events/verify', { token: auditor.token })).json()).toMatchObject({ ok: true });
});

it('refuses the auditor any secret and any write, and records the refusal', async () => {
  expect((await api.request('POST', `/v1/credentials/${mine}/reveal`, { token: auditor.token })).statusCode).toBe(403);
  expect(
    (await api.request('POST', `/v1/credentials/${mine}/rotate`, { body: { secret: openAiKey('Nope00000001') }, token: auditor.token }))
      .statusCode,
  ).toBe(403);
  let entries: Entry[] = [];
  await eventually(
    async () => (entries = await trail(auditor.token, `?actor=${auditor.principalId}&outcome=denied`)).length >= 2,
    20_000,
    'auditor refusals',
  );
  expect(entries.map((e) => e.details.reason)).toEqual(['forbidden', 'forbidden']);
});
