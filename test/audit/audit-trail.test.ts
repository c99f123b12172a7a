import { catchUpUsage } from '#audit';
import { accessStreamId, ACCESS_STREAM_TYPE } from '#domain';
import { appendUnversioned } from '#event-store';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { TOKENS, withTestPrincipals } from '../support/principals.js';
import { catchUpUntil, rowCount } from '../support/projections.js';

let api: TestApi;
const secrets = [openAiKey('firstAAAA1111'), openAiKey('secondBBB2222')];
let a = '';
let c = '';

interface Entry {
  position: number;
  at: string;
  actor: string;
  action: string;
  outcome: string;
  credentialId: string | null;
  eventType: string;
  details: Record<string, unknown>;
}

async function audit(query = '', token: string = TOKENS.auditor): Promise<{ entries: Entry[]; nextCursor: string | null }> {
  const reply = await api.request('GET', `/v1/audit${query}`, { token });
  expect(reply.statusCode).toBe(200);
  return reply.json();
}

/** Polls until `query` shows `count` entries: the trail follows commits below the cluster's oldest running transaction. */
async function auditUntil(query: string, count: number, token?: string): Promise<Entry[]> {
  let entries: Entry[] = [];
  await eventually(async () => (entries = (await audit(query, token)).entries).length >= count, 20_000, `audit ${query}`);
  return entries;
}

beforeAll(async () => {
  api = await startTestApi('audit_trail');
  withTestPrincipals(api);
  a = (await api.request('POST', '/v1/credentials', { body: openAiCredential('audited', secrets[0]) })).json().id;
  await api.request('PATCH', `/v1/credentials/${a}`, { body: { description: 'chat', labels: ['x'] } });
  await api.request('POST', `/v1/credentials/${a}/rotate`, { body: { secret: secrets[1] } });
  await api.request('POST', `/v1/credentials/${a}/reveal`);
  await api.request('POST', '/v1/credentials/lookup', { body: { name: 'audited' } });
  await appendUnversioned(
    api.orm.em.fork(),
    accessStreamId(a),
    {
      type: 'AccessDenied',
      data: {
        credentialId: a,
        actor: 'test-service',
        at: new Date().toISOString(),
        action: 'reveal',
        reason: 'forbidden',
        clientIp: '10.1.2.3',
        userAgent: 'svc/1',
      },
    },
    { streamType: ACCESS_STREAM_TYPE, tenant: api.config.bootstrapTenant },
  );
  c = (await api.request('POST', '/v1/credentials', { body: openAiCredential('theirs'), token: TOKENS.otherAdmin })).json().id;
});
afterAll(() => api.close());

describe('GET /v1/audit', () => {
  it('shows an auditor who created, changed, rotated, revealed, looked up and was denied, newest first', async () => {
    const entries = await auditUntil(`?credentialId=${a}`, 6);
    expect(entries.map((e) => e.action)).toEqual(['denied', 'looked_up', 'revealed', 'rotated', 'changed', 'created']);
    expect(entries[0]).toMatchObject({
      actor: 'test-service',
      outcome: 'denied',
      eventType: 'AccessDenied',
      details: { attempted: 'reveal', reason: 'forbidden' },
    });
    expect(entries[2]).toMatchObject({ actor: 'bootstrap-admin', outcome: 'success', details: { secretVersion: 2 } });
    expect(entries[4]!.details).toEqual({ fields: ['description', 'labels'] });
  });

  it('sees a change right after it commits, with no worker running', async () => {
    await api.request('DELETE', `/v1/credentials/${a}`);
    const [latest] = await auditUntil(`?credentialId=${a}&action=deactivated`, 1);
    expect(latest).toMatchObject({ action: 'deactivated', credentialId: a });
  });

  it('never carries a secret or a ciphertext', async () => {
    const reply = await api.request('GET', '/v1/audit?limit=1000', { token: TOKENS.auditor });
    for (const forbidden of [...secrets, 'kl1.', 'ciphertext', secrets[1]!.slice(-10)]) expect(reply.body).not.toContain(forbidden);
  });

  it('filters by actor, action, outcome and time', async () => {
    await auditUntil(`?credentialId=${a}`, 6);
    expect((await audit('?actor=test-service')).entries.map((e) => e.action)).toEqual(['denied']);
    expect((await audit('?outcome=denied')).entries.map((e) => e.actor)).toEqual(['test-service']);
    expect((await audit('?action=rotated')).entries.map((e) => e.credentialId)).toEqual([a]);
    const all = (await audit('?limit=1000')).entries;
    const created = all.find((e) => e.action === 'created')!;
    expect((await audit(`?to=${encodeURIComponent(created.at)}`)).entries.map((e) => e.action)).toEqual(['created']);
    expect((await audit(`?from=${encodeURIComponent(created.at)}`)).entries).toHaveLength(all.length);
    expect((await audit('?from=2999-01-01T00:00:00Z')).entries).toEqual([]);
  });

  it('pages with a stable cursor: every entry exactly once, in the order of one big page', async () => {
    const whole = (await audit('?limit=1000')).entries;
    const paged: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: { entries: Entry[]; nextCursor: string | null } = await audit(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(2);
      paged.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole);
  });

  it("shows only the principal's tenant", async () => {
    await auditUntil('', 1, TOKENS.otherAdmin);
    expect((await audit(`?credentialId=${c}`)).entries).toEqual([]);
    const theirs = (await audit('?limit=1000', TOKENS.otherAdmin)).entries;
    expect(theirs.map((e) => e.credentialId)).toEqual([c]);
  });

  it.each([
    ['?credentialId=not-a-uuid', 'credentialId'],
    ['?outcome=maybe', 'outcome'],
    ['?action=drop%20table', 'action'],
    ['?from=yesterday', 'from'],
    ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
    ['?limit=0', 'limit'],
    ['?limit=1001', 'limit'],
    ['?cursor=garbage', 'cursor'],
    ['?unknown=1', 'unknown'],
  ])('answers 400 to %s, naming the field', async (query, field) => {
    const reply = await api.request('GET', `/v1/audit${query}`, { token: TOKENS.auditor });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    ['operator', TOKENS.operator],
    ['service', TOKENS.service],
  ])('refuses the %s role', async (_, token) => {
    expect((await api.request('GET', '/v1/audit', { token })).statusCode).toBe(403);
  });

  it('lets concurrent readers catch a replayed trail up without deadlock or double entries', async () => {
    await api.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`update kl_projection_checkpoints set transaction_id = '0', global_position = 0 where name = 'audit-trail'`);
      await tx.execute('truncate kl_audit_trail');
    });
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => api.request('GET', '/v1/audit?limit=1000', { token: TOKENS.auditor })),
    );
    expect(replies.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const events = await rowCount(api.orm.em.fork(), 'kl_events');
    await eventually(
      async () => (await audit('?limit=1000')).entries.length + (await audit('?limit=1000', TOKENS.otherAdmin)).entries.length === events,
      20_000,
      'trail replayed',
    );
    expect(await rowCount(api.orm.em.fork(), 'kl_audit_trail')).toBe(events);
  });
});

describe('lastUsedAt', () => {
  it('appears on detail and list once the usage projection has seen a reveal; the read model row is never written', async () => {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('used-later') })).json();
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().lastUsedAt).toBeNull();
    await api.request('POST', `/v1/credentials/${id}/reveal`);
    const revealedAt = Date.now();
    await catchUpUntil(
      () => api.orm.em.fork(),
      (em) => catchUpUsage(em),
      'kl_credential_usage',
      2,
    );
    const detail = (await api.request('GET', `/v1/credentials/${id}`)).json();
    expect(Math.abs(Date.parse(detail.lastUsedAt) - revealedAt)).toBeLessThan(5000);
    const listed = (await api.request('GET', '/v1/credentials?q=used-later')).json().credentials[0];
    expect(listed.lastUsedAt).toBe(detail.lastUsedAt);
    const [row] = await api.orm.em
      .fork()
      .execute<{ last_used_at: string | null }[]>('select last_used_at from kl_credentials where id = ?', [id]);
    expect(row!.last_used_at).toBeNull();
  });
});
