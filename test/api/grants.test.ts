import { accessRecordsOf } from '../support/access.js';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// Grants are events on the credential's stream, through the same write path
// as every credential command (If-Match, Idempotency-Key, versions), projected
// into kl_credential_grants in the same transaction.
let api: TestApi;
let service: TestPrincipal;
beforeAll(async () => {
  api = await startTestApi('grants_routes');
  service = await createPrincipal(api, 'service', { name: 'billing', teams: ['payments'] });
});
afterAll(() => api.close());

const create = async (name: string): Promise<string> =>
  (await api.request('POST', '/v1/credentials', { body: openAiCredential(name) })).json().id;
const grants = (id: string) => api.request('GET', `/v1/credentials/${id}/grants`);
const streamTypes = async (id: string): Promise<string[]> =>
  (
    await api.orm.em
      .fork()
      .execute<{ type: string }[]>(`select type from kl_events where stream_id = ? order by stream_version`, [`credential-${id}`])
  ).map((e) => e.type);

describe('granting', () => {
  let id: string;
  beforeAll(async () => {
    id = await create('grants-main');
  });

  it('answers 201 with the grant, moves the credential to the next version, and records CredentialGranted', async () => {
    const reply = await api.request('POST', `/v1/credentials/${id}/grants`, {
      body: { principalId: service.principalId, permission: 'use' },
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.headers.etag).toBe('"2"');
    expect(reply.json()).toEqual({
      id: expect.any(String),
      credentialId: id,
      grantee: { kind: 'principal', id: service.principalId },
      permission: 'use',
      grantedAt: expect.any(String),
      grantedBy: 'bootstrap-admin',
      revokedAt: null,
      revokedBy: null,
      credentialVersion: 2,
    });
    const detail = await api.request('GET', `/v1/credentials/${id}`);
    expect(detail.json()).toMatchObject({ version: 2, updatedBy: 'bootstrap-admin' });
    expect(detail.headers.etag).toBe('"2"');
    expect(await streamTypes(id)).toEqual(['CredentialRegistered', 'CredentialGranted']);
  });

  it('answers a grant already in force with that grant (200) and records nothing', async () => {
    const first = (await grants(id)).json().grants[0];
    const again = await api.request('POST', `/v1/credentials/${id}/grants`, {
      body: { principalId: service.principalId, permission: 'use' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: first.id, credentialVersion: 2 });
    expect(await streamTypes(id)).toHaveLength(2);
  });

  it('grants to a team, and lists the grants in force oldest first', async () => {
    const team = await api.request('POST', `/v1/credentials/${id}/grants`, { body: { team: 'payments', permission: 'manage' } });
    expect(team.statusCode).toBe(201);
    const listed = await grants(id);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().grants.map((g: { grantee: unknown; permission: string }) => [g.grantee, g.permission])).toEqual([
      [{ kind: 'principal', id: service.principalId }, 'use'],
      [{ kind: 'team', id: 'payments' }, 'manage'],
    ]);
  });

  it('revokes: 200 with the revoked grant; revoking again records nothing; an unknown grant is 404', async () => {
    const teamGrant = (await grants(id)).json().grants[1];
    const revoked = await api.request('DELETE', `/v1/credentials/${id}/grants/${teamGrant.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({
      id: teamGrant.id,
      revokedBy: 'bootstrap-admin',
      revokedAt: expect.any(String),
      credentialVersion: 4,
    });
    expect((await grants(id)).json().grants).toHaveLength(1);
    const twice = await api.request('DELETE', `/v1/credentials/${id}/grants/${teamGrant.id}`);
    expect(twice.statusCode).toBe(200);
    expect(twice.json().credentialVersion).toBe(4);
    const unknown = await api.request('DELETE', `/v1/credentials/${id}/grants/00000000-0000-4000-8000-000000000000`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toContain('grant');
    expect(await streamTypes(id)).toEqual(['CredentialRegistered', 'CredentialGranted', 'CredentialGranted', 'CredentialGrantRevoked']);
  });

  it('honours If-Match and Idempotency-Key like every credential command', async () => {
    const stale = await api.request('POST', `/v1/credentials/${id}/grants`, {
      body: { team: 'ops', permission: 'use' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    const headers = { 'idempotency-key': 'grant-ops-once', 'if-match': '"4"' };
    const first = await api.request('POST', `/v1/credentials/${id}/grants`, { body: { team: 'ops', permission: 'use' }, headers });
    const retry = await api.request('POST', `/v1/credentials/${id}/grants`, { body: { team: 'ops', permission: 'use' }, headers });
    expect([first.statusCode, retry.statusCode]).toEqual([201, 201]);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.etag).toBe('"5"');
    const reuse = await api.request('POST', `/v1/credentials/${id}/grants`, { body: { team: 'ops', permission: 'manage' }, headers });
    expect(reuse.statusCode).toBe(422);
  });

  it('refuses grants on a destroyed credential (409)', async () => {
    const doomed = await create('grants-doomed');
    await api.request('POST', `/v1/credentials/${doomed}/destroy`);
    const reply = await api.request('POST', `/v1/credentials/${doomed}/grants`, { body: { team: 'payments', permission: 'use' } });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().code).toBe('CREDENTIAL_DESTROYED');
  });
});

describe('grant validation', () => {
  let id: string;
  beforeAll(async () => {
    id = await create('grants-validation');
  });
  const post = (body: unknown) => api.request('POST', `/v1/credentials/${id}/grants`, { body });
  const fields = (reply: { json(): { details?: { field: string }[] } }) => (reply.json().details ?? []).map((d) => d.field);

  it('answers 404 with field details for an unknown principal and, the same way, for one of another tenant', async () => {
    const foreign = await createPrincipal(api, 'service', { tenant: 'globex' });
    const unknown = await post({ principalId: '00000000-0000-4000-8000-000000000000', permission: 'use' });
    const other = await post({ principalId: foreign.principalId, permission: 'use' });
    expect([unknown.statusCode, other.statusCode]).toEqual([404, 404]);
    expect(fields(unknown)).toEqual(['principalId']);
    expect(other.json().details).toEqual(unknown.json().details);
    expect((await grants(id)).json().grants).toEqual([]);
  });

  it('answers 400 with field details for a bad permission, a bad team, both grantees or none', async () => {
    const cases: [unknown, string][] = [
      [{ principalId: service.principalId, permission: 'root' }, 'permission'],
      [{ team: 'payments' }, 'permission'],
      [{ team: 'no spaces', permission: 'use' }, 'team'],
      [{ principalId: 'not-a-uuid', permission: 'use' }, 'principalId'],
      [{ principalId: service.principalId, team: 'payments', permission: 'use' }, 'team'],
      [{ permission: 'use' }, 'principalId'],
      [{ team: 'payments', permission: 'use', tenant: 'globex' }, 'tenant'],
    ];
    for (const [body, field] of cases) {
      const reply = await post(body);
      expect([body, reply.statusCode, fields(reply)]).toEqual([body, 400, expect.arrayContaining([field])]);
    }
  });
});

describe('who may grant', () => {
  it('admins only: operators, auditors and services get 403, recorded as refused grants', async () => {
    const id = await create('grants-roles');
    const [operator, auditor] = await Promise.all([createPrincipal(api, 'operator'), createPrincipal(api, 'auditor')]);
    for (const p of [operator, auditor, service]) {
      const body = { team: 'payments', permission: 'use' };
      expect((await api.request('POST', `/v1/credentials/${id}/grants`, { body, token: p.token })).statusCode).toBe(403);
      expect((await api.request('GET', `/v1/credentials/${id}/grants`, { token: p.token })).statusCode).toBe(403);
    }
    const records = await accessRecordsOf(api, operator.principalId);
    expect(records.map((r) => r.data)).toEqual([
      expect.objectContaining({ credentialId: id, action: 'grant', reason: 'forbidden' }),
      expect.objectContaining({ credentialId: id, action: 'grant', reason: 'forbidden' }),
    ]);
  });

  it('an admin of another tenant gets 404, like for a missing credential', async () => {
    const id = await create('grants-cross-tenant');
    const globexAdmin = await createPrincipal(api, 'admin', { tenant: 'globex' });
    const body = { team: 'payments', permission: 'use' };
    expect((await api.request('POST', `/v1/credentials/${id}/grants`, { body, token: globexAdmin.token })).statusCode).toBe(404);
    expect((await api.request('GET', `/v1/credentials/${id}/grants`, { token: globexAdmin.token })).statusCode).toBe(404);
    expect((await grants(id)).json().grants).toEqual([]);
  });
});
