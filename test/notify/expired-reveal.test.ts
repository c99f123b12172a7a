import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal } from '../support/principals.js';

// Reveal and lookup decide "expired" from expires_at <= now in their one
// SELECT (no scanner needed): by default they answer and say so (header,
// body, and the access record for the audit trail); with
// KEYLEDGER_REFUSE_EXPIRED=true they answer 409 CREDENTIAL_EXPIRED.
let lenient: TestApi;
let strict: TestApi;

beforeAll(async () => {
  [lenient, strict] = await Promise.all([
    startTestApi('expiry_reveal'),
    startTestApi('expiry_refuse', { KEYLEDGER_REFUSE_EXPIRED: 'true' }),
  ]);
});
afterAll(() => Promise.all([lenient.close(), strict.close()]));

const past = () => new Date(Date.now() - 60_000).toISOString();
const future = () => new Date(Date.now() + 3_600_000).toISOString();

async function create(api: TestApi, name: string, expiresAt: string | null, secret = openAiKey()): Promise<string> {
  const reply = await api.request('POST', '/v1/credentials', { body: { ...openAiCredential(name, secret), expiresAt } });
  expect(reply.statusCode).toBe(201);
  return reply.json().id;
}

async function accessRecords(api: TestApi, id: string): Promise<Record<string, unknown>[]> {
  const rows = await api.orm.em
    .fork()
    .execute<{ data: Record<string, unknown> }[]>(`select data from kl_events where stream_id = ? order by global_position`, [
      `credential-access-${id}`,
    ]);
  return rows.map((row) => row.data);
}

it('reveals and looks up an expired credential, saying so in a header, the body and the access record', async () => {
  const expiresAt = past();
  const secret = openAiKey('EXPIRED1');
  const id = await create(lenient, 'expired-lenient', expiresAt, secret);
  const service = await createPrincipal(lenient, 'service');
  await lenient.request('POST', `/v1/credentials/${id}/grants`, { body: { principalId: service.principalId, permission: 'use' } });
  const revealed = await lenient.request('POST', `/v1/credentials/${id}/reveal`, { token: service.token });
  expect(revealed.statusCode).toBe(200);
  expect(revealed.headers['keyledger-credential-expired']).toBe(expiresAt);
  expect(revealed.json()).toMatchObject({ secret, expired: true, expiresAt });
  const looked = await lenient.request('POST', '/v1/credentials/lookup', { body: { name: 'expired-lenient' } });
  expect(looked.statusCode).toBe(200);
  expect(looked.headers['keyledger-credential-expired']).toBe(expiresAt);
  const records = await accessRecords(lenient, id);
  expect(records.map((r) => [r.via, r.expired, r.actor])).toEqual([
    ['reveal', true, service.principalId],
    ['lookup', true, 'bootstrap-admin'],
  ]);
});

it('says nothing for a credential that has not expired, or has no expiry', async () => {
  for (const [name, expiresAt] of [
    ['expiry-later', future()],
    ['expiry-none', null],
  ] as const) {
    const id = await create(lenient, name, expiresAt);
    const revealed = await lenient.request('POST', `/v1/credentials/${id}/reveal`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.headers['keyledger-credential-expired']).toBeUndefined();
    expect(revealed.json()).toMatchObject({ expired: false, expiresAt });
    expect((await accessRecords(lenient, id))[0]).not.toHaveProperty('expired');
  }
});

it('refuses an expired credential with 409 CREDENTIAL_EXPIRED when configured, and records the refusal, not a read', async () => {
  const expiresAt = past();
  const secret = openAiKey('REFUSED1');
  const id = await create(strict, 'expired-strict', expiresAt, secret);
  for (const [url, body] of [
    [`/v1/credentials/${id}/reveal`, undefined],
    ['/v1/credentials/lookup', { name: 'expired-strict' }],
  ] as const) {
    const reply = await strict.request('POST', url, { body });
    expect(reply.statusCode).toBe(409);
    expect(reply.json()).toMatchObject({ code: 'CREDENTIAL_EXPIRED', details: { expiresAt } });
    expect(reply.body).not.toContain(secret);
  }
  const records = await accessRecords(strict, id);
  expect(records.map((r) => [r.action, r.reason])).toEqual([
    ['reveal', 'expired'],
    ['lookup', 'expired'],
  ]);
  expect(records.some((r) => 'via' in r)).toBe(false);
  // Extending expiresAt makes it usable again.
  await strict.request('PATCH', `/v1/credentials/${id}`, { body: { expiresAt: future() } });
  expect((await strict.request('POST', `/v1/credentials/${id}/reveal`)).json()).toMatchObject({ secret, expired: false });
});

it('keeps the own refusal of an inactive expired credential', async () => {
  const id = await create(strict, 'expired-inactive', past());
  await strict.request('DELETE', `/v1/credentials/${id}`);
  expect((await strict.request('POST', `/v1/credentials/${id}/reveal`)).json().code).toBe('CREDENTIAL_INACTIVE');
});
