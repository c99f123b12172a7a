import { randomUUID } from 'node:crypto';
import { singleRow } from '#database';
import { accessRecordsOf, grant } from '../support/access.js';
import { forgetHostPurposeReservations, openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// Invariant 9 of docs/invariants.md: a principal sees and uses only its
// tenant's credentials and, for a service, only those granted to it; anything
// else answers 404 exactly like a missing id, and every refusal leaves an
// AccessDenied record in the refused principal's own tenant.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('access_isolation');
});
afterAll(() => api.close());

const create = async (name: string, extra: Record<string, unknown> = {}, token?: string): Promise<string> => {
  const reply = await api.request('POST', '/v1/credentials', { body: { ...openAiCredential(name), ...extra }, token });
  if (reply.statusCode !== 201) throw new Error(`create ${name}: ${reply.statusCode} ${reply.body}`);
  return reply.json().id;
};
const reveal = (id: string, token: string) => api.request('POST', `/v1/credentials/${id}/reveal`, { token });
const lookup = (body: Record<string, string>, token: string) => api.request('POST', '/v1/credentials/lookup', { body, token });

describe('roles that may never reveal', () => {
  let operator: TestPrincipal;
  let auditor: TestPrincipal;
  let id: string;
  beforeAll(async () => {
    [operator, auditor] = await Promise.all([createPrincipal(api, 'operator'), createPrincipal(api, 'auditor')]);
    id = await create('roles-target');
  });

  it('an operator gets 403 on reveal and lookup, and both refusals are recorded in its tenant', async () => {
    expect((await reveal(id, operator.token)).statusCode).toBe(403);
    expect((await lookup({ name: 'roles-target' }, operator.token)).statusCode).toBe(403);
    const records = await accessRecordsOf(api, operator.principalId);
    expect(records).toEqual([
      expect.objectContaining({ stream_id: `credential-access-${id}`, stream_version: null, tenant: 'default' }),
      expect.objectContaining({ stream_id: `principal-access-${operator.principalId}`, tenant: 'default' }),
    ]);
    expect(records[0]!.data).toMatchObject({ credentialId: id, action: 'reveal', reason: 'forbidden', userAgent: 'lightMyRequest' });
    expect(records[0]!.data.at).toEqual(expect.any(String));
    expect(records[0]!.data).toHaveProperty('clientIp');
    expect(records[1]!.data).toMatchObject({ credentialId: null, action: 'lookup', reason: 'forbidden' });
  });

  it('an auditor gets 403 on reveal (recorded) and reads the masked credential', async () => {
    expect((await reveal(id, auditor.token)).statusCode).toBe(403);
    expect((await api.request('GET', `/v1/credentials/${id}`, { token: auditor.token })).statusCode).toBe(200);
    expect((await accessRecordsOf(api, auditor.principalId)).map((r) => r.data)).toEqual([
      expect.objectContaining({ credentialId: id, action: 'reveal', reason: 'forbidden' }),
    ]);
  });
});

describe('a refusal that names no credential', () => {
  it('is recorded on the actor’s own access stream (a create refused to an auditor)', async () => {
    const auditor = await createPrincipal(api, 'auditor');
    expect(
      (await api.request('POST', '/v1/credentials', { body: openAiCredential('auditor-made'), token: auditor.token })).statusCode,
    ).toBe(403);
    expect(await accessRecordsOf(api, auditor.principalId)).toEqual([
      expect.objectContaining({
        stream_id: `principal-access-${auditor.principalId}`,
        tenant: 'default',
        data: expect.objectContaining({ credentialId: null, action: 'create', reason: 'forbidden' }),
      }),
    ]);
  });
});

describe('tenants', () => {
  let service: TestPrincipal;
  let theirs: string;
  beforeAll(async () => {
    service = await createPrincipal(api, 'service', { name: 'acme-billing' });
    const globexAdmin = await createPrincipal(api, 'admin', { tenant: 'globex' });
    theirs = await create('globex-secret', {}, globexAdmin.token);
    // Even a grant to the service would not reach across tenants: the grant route refuses it (tested in grants.test.ts).
  });

  it('a service of tenant A gets 404 for tenant B’s credential, in the shape of a missing id', async () => {
    const missing = randomUUID();
    const [other, absent] = [await reveal(theirs, service.token), await reveal(missing, service.token)];
    expect([other.statusCode, absent.statusCode]).toEqual([404, 404]);
    expect(other.json()).toEqual({ ...absent.json(), message: absent.json().message.replace(missing, theirs) });
    expect((await api.request('GET', `/v1/credentials/${theirs}`, { token: service.token })).statusCode).toBe(404);
    expect((await api.request('GET', `/v1/credentials/${theirs}`)).statusCode).toBe(404);
  });

  it('records that refusal in tenant A, on the access stream of the id asked for', async () => {
    const records = await accessRecordsOf(api, service.principalId);
    expect(records[0]).toMatchObject({
      stream_id: `credential-access-${theirs}`,
      tenant: 'default',
      data: { credentialId: theirs, action: 'reveal', reason: 'not_found' },
    });
    const inGlobex = await api.orm.em
      .fork()
      .execute(`select count(*)::int as n from kl_events where tenant = 'globex' and type = 'AccessDenied'`);
    expect(singleRow(inGlobex).n).toBe(0);
  });
});

describe('a service and its grants', () => {
  let service: TestPrincipal;
  let outsider: TestPrincipal;
  const ids: Record<'mine' | 'team' | 'other', string> = { mine: '', team: '', other: '' };
  beforeAll(async () => {
    service = await createPrincipal(api, 'service', { teams: ['payments'] });
    outsider = await createPrincipal(api, 'service', { teams: ['sales'] });
    ids.mine = await create('svc-mine', { host: 'db.internal', purpose: 'billing' });
    ids.team = await create('svc-team');
    // Two active credentials share a pair only in data recorded before (host, purpose) was unique.
    await forgetHostPurposeReservations(api.orm);
    ids.other = await create('svc-other', { host: 'db.internal', purpose: 'billing' });
    await grant(api, ids.mine, { principalId: service.principalId }, 'use');
    await grant(api, ids.team, { team: 'payments' }, 'use');
  });

  it('reveals what was granted to it or to its team, and nothing else', async () => {
    expect((await reveal(ids.mine, service.token)).json().secret).toBe(openAiKey());
    expect((await reveal(ids.team, service.token)).statusCode).toBe(200);
    expect((await reveal(ids.other, service.token)).statusCode).toBe(404);
    expect((await reveal(ids.team, outsider.token)).statusCode).toBe(404);
  });

  it('lists and counts only what it may see; detail and history of the rest are 404', async () => {
    const listed = (await api.request('GET', '/v1/credentials', { token: service.token })).json();
    expect(listed.total).toBe(2);
    expect(listed.credentials.map((c: { id: string }) => c.id).sort()).toEqual([ids.mine, ids.team].sort());
    expect((await api.request('GET', '/v1/credentials', { token: outsider.token })).json()).toMatchObject({ total: 0, credentials: [] });
    expect((await api.request('GET', `/v1/credentials/${ids.mine}/versions`, { token: service.token })).statusCode).toBe(200);
    for (const path of ['', '/versions', '/events']) {
      expect((await api.request('GET', `/v1/credentials/${ids.other}${path}`, { token: service.token })).statusCode).toBe(404);
    }
  });

  it('looks up only among what it may use: no ambiguity with a credential it cannot see', async () => {
    expect((await lookup({ host: 'db.internal', purpose: 'billing' }, service.token)).json().id).toBe(ids.mine);
    expect((await lookup({ host: 'db.internal', purpose: 'billing' }, api.config.bootstrapToken!)).statusCode).toBe(409);
    expect((await lookup({ name: 'svc-team' }, service.token)).statusCode).toBe(200);
    const hidden = await lookup({ name: 'svc-other' }, service.token);
    const absent = await lookup({ name: 'svc-nowhere' }, service.token);
    expect([hidden.statusCode, absent.statusCode]).toEqual([404, 404]);
    expect(hidden.json().message).toBe(absent.json().message.replace('svc-nowhere', 'svc-other'));
    const records = (await accessRecordsOf(api, service.principalId)).filter((r) => r.data.action === 'lookup');
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.stream_id === `principal-access-${service.principalId}` && r.data.credentialId === null)).toBe(true);
  });

  it('loses access when the grant is revoked: 404 again, and recorded', async () => {
    const { id: grantId } = await grant(api, ids.other, { principalId: service.principalId }, 'use');
    expect((await reveal(ids.other, service.token)).statusCode).toBe(200);
    expect((await api.request('DELETE', `/v1/credentials/${ids.other}/grants/${grantId}`)).statusCode).toBe(200);
    expect((await reveal(ids.other, service.token)).statusCode).toBe(404);
    const last = (await accessRecordsOf(api, service.principalId)).at(-1)!;
    expect(last).toMatchObject({ stream_id: `credential-access-${ids.other}`, data: { action: 'reveal', reason: 'not_found' } });
  });
});

describe('what a grant covers', () => {
  let manager: TestPrincipal;
  let user: TestPrincipal;
  let id: string;
  beforeAll(async () => {
    [manager, user] = await Promise.all([createPrincipal(api, 'service'), createPrincipal(api, 'service')]);
    id = await create('grant-scope');
    await grant(api, id, { principalId: manager.principalId }, 'manage');
    await grant(api, id, { principalId: user.principalId }, 'use');
  });

  it('manage lets a service change, rotate, deactivate and restore, but not reveal (403, recorded)', async () => {
    const as = { token: manager.token };
    expect((await api.request('PATCH', `/v1/credentials/${id}`, { ...as, body: { description: 'by a service' } })).statusCode).toBe(200);
    expect((await api.request('POST', `/v1/credentials/${id}/rotate`, { ...as, body: { secret: openAiKey('managed1') } })).statusCode).toBe(
      200,
    );
    expect((await api.request('DELETE', `/v1/credentials/${id}`, as)).statusCode).toBe(200);
    expect((await api.request('POST', `/v1/credentials/${id}/restore`, as)).statusCode).toBe(200);
    const refused = await reveal(id, manager.token);
    expect(refused.statusCode).toBe(403);
    expect((await lookup({ name: 'grant-scope' }, manager.token)).statusCode).toBe(404);
    expect((await accessRecordsOf(api, manager.principalId))[0]!.data).toMatchObject({
      credentialId: id,
      action: 'reveal',
      reason: 'forbidden',
    });
  });

  it('use lets a service reveal the new secret but not change it (403); neither may destroy or grant', async () => {
    expect((await reveal(id, user.token)).json().secret).toBe(openAiKey('managed1'));
    expect(
      (await api.request('POST', `/v1/credentials/${id}/rotate`, { token: user.token, body: { secret: openAiKey('nope0001') } }))
        .statusCode,
    ).toBe(403);
    expect((await api.request('PATCH', `/v1/credentials/${id}`, { token: user.token, body: { description: 'x' } })).statusCode).toBe(403);
    for (const p of [user, manager]) {
      expect((await api.request('POST', `/v1/credentials/${id}/destroy`, { token: p.token })).statusCode).toBe(403);
      expect((await api.request('GET', `/v1/credentials/${id}/grants`, { token: p.token })).statusCode).toBe(403);
    }
  });

  it('answers 409 to a reveal of a deactivated credential, and records it', async () => {
    await api.request('DELETE', `/v1/credentials/${id}`);
    expect((await reveal(id, user.token)).statusCode).toBe(409);
    expect((await lookup({ name: 'grant-scope' }, user.token)).statusCode).toBe(409);
    const records = (await accessRecordsOf(api, user.principalId)).slice(-2);
    expect(records.map((r) => [r.stream_id, r.data.action, r.data.reason, r.data.credentialId])).toEqual([
      [`credential-access-${id}`, 'reveal', 'inactive', id],
      [`credential-access-${id}`, 'lookup', 'inactive', id],
    ]);
    await api.request('POST', `/v1/credentials/${id}/restore`);
  });
});

describe('every credential route, for a service without a grant', () => {
  it('answers 404 where the role may act and 403 where it may not, recording each refusal', async () => {
    const stranger = await createPrincipal(api, 'service');
    const id = await create('no-grant-here');
    const routes: [string, string, unknown, number][] = [
      ['GET', '', undefined, 404],
      ['GET', '/versions', undefined, 404],
      ['GET', '/events', undefined, 404],
      ['PATCH', '', { description: 'x' }, 404],
      ['PUT', '', { description: 'x' }, 404],
      ['POST', '/rotate', { secret: openAiKey('stranger') }, 404],
      ['DELETE', '', undefined, 404],
      ['POST', '/restore', undefined, 404],
      ['POST', '/reveal', undefined, 404],
      ['POST', '/destroy', undefined, 403],
      ['GET', '/grants', undefined, 403],
      ['POST', '/grants', { team: 'x', permission: 'use' }, 403],
    ];
    for (const [method, path, body, status] of routes) {
      const reply = await api.request(method, `/v1/credentials/${id}${path}`, { body, token: stranger.token });
      expect([method, path, reply.statusCode]).toEqual([method, path, status]);
    }
    const records = await accessRecordsOf(api, stranger.principalId);
    expect(records).toHaveLength(routes.length);
    expect(records.every((r) => r.stream_id === `credential-access-${id}` && r.tenant === 'default')).toBe(true);
    expect(records.map((r) => r.data.reason)).toEqual(routes.map(([, , , status]) => (status === 404 ? 'not_found' : 'forbidden')));
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().version).toBe(1);
  });
});

describe('when the access log refuses writes', () => {
  const refuse = (type: string) => `create or replace function test_refuse_${type}() returns trigger language plpgsql as $$
    begin if new.type = '${type}' then raise exception 'refused by test'; end if; return new; end $$`;
  const trigger = (type: string) =>
    `create trigger test_refuse_${type} before insert on kl_events for each row execute function test_refuse_${type}()`;
  const drop = (type: string) => `drop trigger test_refuse_${type} on kl_events`;

  it('a refusal stays a refusal (403, not 500) and the failure is logged', async () => {
    const operator = await createPrincipal(api, 'operator');
    const id = await create('log-down-denial');
    const em = api.orm.em.fork();
    await em.execute(refuse('AccessDenied'));
    await em.execute(trigger('AccessDenied'));
    try {
      expect((await reveal(id, operator.token)).statusCode).toBe(403);
      expect((await api.request('GET', `/v1/credentials/${randomUUID()}`)).statusCode).toBe(404);
    } finally {
      await em.execute(drop('AccessDenied'));
    }
    expect(api.logs.some((line) => line.includes('could not record a refused access'))).toBe(true);
  });

  it('a reveal without its access record returns no secret (fail-closed)', async () => {
    const id = await create('log-down-reveal', { secret: openAiKey('failclosed') });
    const em = api.orm.em.fork();
    await em.execute(refuse('SecretRevealed'));
    await em.execute(trigger('SecretRevealed'));
    let reply;
    try {
      reply = await reveal(id, api.config.bootstrapToken!);
    } finally {
      await em.execute(drop('SecretRevealed'));
    }
    expect(reply.statusCode).toBe(500);
    expect(reply.body).not.toContain(openAiKey('failclosed'));
  });
});
