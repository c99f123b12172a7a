import { execFileSync } from 'node:child_process';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// Principals and tokens: issued once, stored as a hash, revocable, expiring,
// and each role limited to what it may do.
let api: TestApi;
let credentialId: string;
beforeAll(async () => {
  api = await startTestApi('api_tokens', { KEYLEDGER_TOKEN_CACHE_SECONDS: '0' });
  credentialId = (await api.request('POST', '/v1/credentials', { body: openAiCredential('tokens-openai') })).json().id;
});
afterAll(() => api.close());

describe('issuing tokens', () => {
  let service: TestPrincipal;
  beforeAll(async () => {
    service = await createPrincipal(api, 'service', { name: 'billing', teams: ['payments'] });
  });

  it('shows the token once; listings and the principal never carry it', async () => {
    expect(service.token).toMatch(/^klt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const listed = await api.request('GET', '/v1/tokens');
    expect(listed.statusCode).toBe(200);
    expect(listed.json().tokens).toContainEqual(
      expect.objectContaining({ id: service.tokenId, principalName: 'billing', role: 'service', status: 'active' }),
    );
    expect(listed.body).not.toContain(service.token.slice(-43));
    const principal = (await api.request('GET', `/v1/principals/${service.principalId}`)).json();
    expect(principal).toMatchObject({ name: 'billing', role: 'service', teams: ['payments'], tenant: 'default' });
  });

  it('authenticates with the token as its principal', async () => {
    expect((await api.request('GET', `/v1/credentials/${credentialId}`, { token: service.token })).statusCode).not.toBe(401);
    expect((await api.request('GET', '/v1/templates', { token: service.token })).statusCode).toBe(200);
  });

  it('issues a second token for an existing principal, and both work', async () => {
    const reply = await api.request('POST', '/v1/tokens', { body: { principalId: service.principalId, description: 'second' } });
    expect(reply.statusCode).toBe(201);
    expect(reply.headers['cache-control']).toBe('no-store');
    const second = reply.json();
    expect(second).toMatchObject({ principalId: service.principalId, description: 'second', status: 'active' });
    expect((await api.request('GET', '/v1/templates', { token: second.token })).statusCode).toBe(200);
    expect((await api.request('GET', '/v1/templates', { token: service.token })).statusCode).toBe(200);
  });

  it('stores no token in the database, only hashes (full dump)', () => {
    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', api.databaseUrl], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(dump).toContain('TokenIssued');
    expect(dump).not.toContain(service.token);
    expect(dump).not.toContain(service.token.slice(-43));
  });

  it('records principals and tokens as events, without the token', async () => {
    const events = await api.orm.em
      .fork()
      .execute<{ type: string; data: Record<string, unknown> }[]>(
        `select type, data from kl_events where stream_id = ? order by stream_version`,
        [`principal-${service.principalId}`],
      );
    expect(events.map((e) => e.type)).toEqual(['PrincipalCreated', 'TokenIssued', 'TokenIssued']);
    expect(JSON.stringify(events)).not.toContain(service.token.slice(-43));
  });

  it('refuses bad requests with field details', async () => {
    const both = await api.request('POST', '/v1/tokens', {
      body: { principalId: service.principalId, principal: { name: 'x', role: 'service' } },
    });
    expect(both.statusCode).toBe(400);
    const badRole = await api.request('POST', '/v1/tokens', { body: { principal: { name: 'x', role: 'root' } } });
    expect(badRole.statusCode).toBe(400);
    expect(JSON.stringify(badRole.json().details)).toContain('role');
    const past = await api.request('POST', '/v1/tokens', { body: { principalId: service.principalId, expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(400);
    const unknown = await api.request('POST', '/v1/tokens', { body: { principalId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.statusCode).toBe(404);
    const replayable = await api.request('POST', '/v1/tokens', {
      body: { principalId: service.principalId },
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(replayable.statusCode).toBe(400);
  });

  it('refuses a second principal with the same name in a tenant', async () => {
    const reply = await api.request('POST', '/v1/principals', { body: { name: 'billing', role: 'operator' } });
    expect(reply.statusCode).toBe(409);
  });
});

describe('rejecting tokens', () => {
  it('answers 401 to a revoked token at once, and revoking again changes nothing', async () => {
    const p = await createPrincipal(api, 'service');
    expect((await api.request('GET', '/v1/templates', { token: p.token })).statusCode).toBe(200);
    const revoked = await api.request('DELETE', `/v1/tokens/${p.tokenId}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedBy: 'bootstrap-admin' });
    expect((await api.request('GET', '/v1/templates', { token: p.token })).statusCode).toBe(401);
    expect((await api.request('DELETE', `/v1/tokens/${p.tokenId}`)).json().status).toBe('revoked');
  });

  it('answers 401 to an expired token', async () => {
    const p = await createPrincipal(api, 'service');
    await api.orm.em.fork().execute(`update kl_tokens set expires_at = now() - interval '1 second' where id = ?`, [p.tokenId]);
    expect((await api.request('GET', '/v1/templates', { token: p.token })).statusCode).toBe(401);
    const listed = (await api.request('GET', `/v1/tokens?principalId=${p.principalId}`)).json().tokens;
    expect(listed).toEqual([expect.objectContaining({ status: 'expired' })]);
  });

  it('answers 401 to a forged token: a known id with another secret, or garbage', async () => {
    const p = await createPrincipal(api, 'admin');
    const forged = `${p.token.slice(0, -43)}${'A'.repeat(43)}`;
    for (const token of [forged, 'klt_nonsense', `${p.token}x`]) {
      const reply = await api.request('GET', '/v1/templates', { token });
      expect(reply.statusCode).toBe(401);
      expect(reply.headers['www-authenticate']).toContain('Bearer');
    }
  });
});

describe('roles', () => {
  let operator: TestPrincipal;
  let auditor: TestPrincipal;
  let service: TestPrincipal;
  beforeAll(async () => {
    [operator, auditor, service] = await Promise.all([
      createPrincipal(api, 'operator'),
      createPrincipal(api, 'auditor'),
      createPrincipal(api, 'service'),
    ]);
  });

  it('lets an operator create and change credentials but never reveal or destroy', async () => {
    const created = await api.request('POST', '/v1/credentials', { body: openAiCredential('operator-made'), token: operator.token });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await api.request('PATCH', `/v1/credentials/${id}`, { body: { description: 'ops' }, token: operator.token })).statusCode).toBe(
      200,
    );
    expect((await api.request('POST', `/v1/credentials/${id}/reveal`, { token: operator.token })).statusCode).toBe(403);
    expect(
      (await api.request('POST', '/v1/credentials/lookup', { body: { name: 'operator-made' }, token: operator.token })).statusCode,
    ).toBe(403);
    expect((await api.request('POST', `/v1/credentials/${id}/destroy`, { token: operator.token })).statusCode).toBe(403);
  });

  it('gives an auditor 403 on reveal and on every write', async () => {
    const writes: [string, string, unknown?][] = [
      ['POST', `/v1/credentials/${credentialId}/reveal`],
      ['POST', '/v1/credentials/lookup', { name: 'tokens-openai' }],
      ['POST', '/v1/credentials', openAiCredential('auditor-made')],
      ['PATCH', `/v1/credentials/${credentialId}`, { description: 'x' }],
      ['PUT', `/v1/credentials/${credentialId}`, { description: 'x' }],
      ['POST', `/v1/credentials/${credentialId}/rotate`, { secret: 'sk-proj-' + 'y'.repeat(48) }],
      ['DELETE', `/v1/credentials/${credentialId}`],
      ['POST', `/v1/credentials/${credentialId}/restore`],
      ['POST', `/v1/credentials/${credentialId}/destroy`],
      ['POST', '/v1/tokens', { principal: { name: 'sneaky', role: 'admin' } }],
      ['POST', '/v1/principals', { name: 'sneaky', role: 'admin' }],
      ['DELETE', `/v1/tokens/${auditor.tokenId}`],
    ];
    for (const [method, url, body] of writes) {
      const reply = await api.request(method, url, { body, token: auditor.token });
      expect([method, url, reply.statusCode]).toEqual([method, url, 403]);
    }
    expect((await api.request('GET', `/v1/credentials/${credentialId}`, { token: auditor.token })).statusCode).toBe(200);
  });

  it('keeps principals and tokens to admins', async () => {
    for (const p of [operator, service, auditor]) {
      expect((await api.request('GET', '/v1/tokens', { token: p.token })).statusCode).toBe(403);
      expect((await api.request('GET', '/v1/principals', { token: p.token })).statusCode).toBe(403);
    }
  });

  it('refuses a service creating credentials', async () => {
    expect((await api.request('POST', '/v1/credentials', { body: openAiCredential('svc-made'), token: service.token })).statusCode).toBe(
      403,
    );
  });
});

describe('tenants', () => {
  it('lets the bootstrap admin create the first admin of another tenant, who stays inside it', async () => {
    const other = await createPrincipal(api, 'admin', { tenant: 'globex' });
    expect((await api.request('GET', `/v1/principals/${other.principalId}`)).json().tenant).toBe('globex');
    expect((await api.request('GET', `/v1/credentials/${credentialId}`, { token: other.token })).statusCode).toBe(404);
    expect((await api.request('GET', '/v1/credentials', { token: other.token })).json().total).toBe(0);
    expect((await api.request('GET', '/v1/principals?tenant=default', { token: other.token })).statusCode).toBe(403);
    expect(
      (await api.request('POST', '/v1/principals', { body: { name: 'x', role: 'admin', tenant: 'default' }, token: other.token }))
        .statusCode,
    ).toBe(403);
    const mine = (await api.request('GET', '/v1/principals', { token: other.token })).json().principals;
    expect(mine.map((p: { tenant: string }) => p.tenant)).toEqual(['globex']);
    const theirs = (await api.request('GET', '/v1/tokens', { token: other.token })).json().tokens;
    expect(theirs.every((t: { tenant: string }) => t.tenant === 'globex')).toBe(true);
  });

  it('pages principals with a cursor', async () => {
    const first = (await api.request('GET', '/v1/principals?limit=2')).json();
    expect(first.principals).toHaveLength(2);
    const second = (await api.request('GET', `/v1/principals?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.principals[0].id).not.toBe(first.principals[1].id);
    expect((await api.request('GET', '/v1/principals?cursor=bogus')).statusCode).toBe(400);
  });
});

describe('GET /v1/me', () => {
  it('tells each role who it is, its tenant, its token expiry and its credential reach', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const auditor = await createPrincipal(api, 'auditor', { name: 'me-auditor', teams: ['compliance'] });
    const issued = (await api.request('POST', '/v1/tokens', { body: { principalId: auditor.principalId, expiresAt } })).json();
    const me = await api.request('GET', '/v1/me', { token: issued.token });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({
      id: auditor.principalId,
      name: 'me-auditor',
      tenant: 'default',
      role: 'auditor',
      teams: ['compliance'],
      token: { id: issued.id, expiresAt },
      credentialAccess: expect.objectContaining({ read: 'tenant', reveal: 'none', destroy: 'none' }),
    });
    expect(me.body).not.toContain(issued.token.slice(-43));

    const service = await createPrincipal(api, 'service', { name: 'me-service' });
    const asService = (await api.request('GET', '/v1/me', { token: service.token })).json();
    expect(asService).toMatchObject({ name: 'me-service', role: 'service', token: { id: service.tokenId, expiresAt: null } });
    expect(asService.credentialAccess).toMatchObject({ read: 'grants', reveal: 'grants', grant: 'none' });
  });

  it('shows the bootstrap token as the bootstrap admin, and refuses a missing token', async () => {
    expect((await api.request('GET', '/v1/me')).json()).toMatchObject({
      id: 'bootstrap-admin',
      role: 'admin',
      token: { id: 'bootstrap', expiresAt: null },
      credentialAccess: expect.objectContaining({ destroy: 'tenant' }),
    });
    expect((await api.request('GET', '/v1/me', { token: '' })).statusCode).toBe(401);
  });
});
