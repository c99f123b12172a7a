import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_credentials');
});
afterAll(() => api.close());

const create = async (body: Record<string, unknown>) => {
  const reply = await api.request('POST', '/v1/credentials', { body });
  expect(reply.statusCode).toBe(201);
  return reply;
};

describe('credential lifecycle over HTTP', () => {
  it('creates a credential: 201, masked body, ETag and Location, readable right away', async () => {
    const secret = openAiKey('ZZZZ9999');
    const reply = await create(openAiCredential('openai-lifecycle', secret));
    const created = reply.json();
    expect(reply.headers.etag).toBe('"1"');
    expect(reply.headers.location).toBe(`/v1/credentials/${created.id}`);
    expect(created).toMatchObject({ name: 'openai-lifecycle', type: 'openai', status: 'active', version: 1, secretVersion: 1 });
    expect(created.secretPreview).toMatch(/^sk-.*…9999$/);
    expect(reply.body).not.toContain(secret);
    expect(created).not.toHaveProperty('secret');

    const detail = await api.request('GET', `/v1/credentials/${created.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers.etag).toBe('"1"');
    expect(detail.json()).toEqual(created);
  });

  it('rotates, updates, deactivates, restores and destroys, each visible in the read model', async () => {
    const { id } = (await create(openAiCredential('openai-flow', openAiKey('first111')))).json();

    const rotated = await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('second22') } });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json()).toMatchObject({ secretVersion: 2, version: 2 });
    expect(rotated.json().rotatedAt).not.toBeNull();

    const revealed = await api.request('POST', `/v1/credentials/${id}/reveal`);
    expect(revealed.statusCode).toBe(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.json()).toMatchObject({ id, secret: openAiKey('second22'), secretVersion: 2, type: 'openai' });

    const patched = await api.request('PATCH', `/v1/credentials/${id}`, {
      body: { description: 'chat completions', labels: ['prod', 'team-ml'] },
      headers: { 'if-match': '"2"' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.headers.etag).toBe('"3"');
    expect(patched.json()).toMatchObject({ description: 'chat completions', labels: ['prod', 'team-ml'], secretVersion: 2 });

    const put = await api.request('PUT', `/v1/credentials/${id}`, { body: { purpose: 'embeddings', secret: openAiKey('third333') } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ purpose: 'embeddings', secretVersion: 3, version: 5 });

    const deleted = await api.request('DELETE', `/v1/credentials/${id}`);
    expect(deleted.json().status).toBe('inactive');
    expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(409);
    expect((await api.request('POST', `/v1/credentials/${id}/restore`)).json().status).toBe('active');
    expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).json().secret).toBe(openAiKey('third333'));

    const destroyed = await api.request('POST', `/v1/credentials/${id}/destroy`);
    expect(destroyed.json()).toMatchObject({ status: 'destroyed', secretPreview: null });
    expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(409);
    expect((await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey() } })).statusCode).toBe(409);
  });

  it('shows the masked secret-version history and the event stream without ciphertext', async () => {
    const { id } = (await create(openAiCredential('openai-history', openAiKey('v1v1v1v1')))).json();
    await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('v2v2v2v2') } });

    const versions = (await api.request('GET', `/v1/credentials/${id}/versions`)).json();
    expect(versions.versions.map((v: any) => [v.secretVersion, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(versions.versions[1].preview).toMatch(/…v2v2$/);

    const events = await api.request('GET', `/v1/credentials/${id}/events`);
    const body = events.json();
    expect(body.events.map((e: any) => e.type)).toEqual(['CredentialRegistered', 'SecretRotated']);
    expect(body.events.map((e: any) => e.version)).toEqual([1, 2]);
    expect(events.body).not.toContain('kl1.');
    expect(events.body).not.toContain(openAiKey('v2v2v2v2'));
  });

  it('looks a secret up by name and by host and purpose', async () => {
    const secret = openAiKey('lookup99');
    const { id } = (await create({ ...openAiCredential('openai-lookup', secret), host: 'llm.internal', purpose: 'broker' })).json();
    const byName = await api.request('POST', '/v1/credentials/lookup', { body: { name: 'openai-lookup' } });
    expect(byName.json()).toMatchObject({ id, secret });
    const byHost = await api.request('POST', '/v1/credentials/lookup', { body: { host: 'llm.internal', purpose: 'broker' } });
    expect(byHost.json()).toMatchObject({ id, secret });
    expect((await api.request('POST', '/v1/credentials/lookup', { body: { host: 'llm.internal', purpose: 'nope' } })).statusCode).toBe(404);
    expect((await api.request('POST', '/v1/credentials/lookup', { body: { host: 'llm.internal' } })).statusCode).toBe(400);
  });
});

describe('listing', () => {
  beforeAll(async () => {
    for (let i = 0; i < 5; i += 1) {
      await create({
        name: `list-pg-${i}`,
        type: 'postgres',
        username: 'app',
        secret: `pw-${i}-long-enough`,
        host: `db${i}.internal`,
        extra: { database: 'app' },
        labels: i % 2 ? ['odd'] : ['even'],
      });
    }
  });

  it('filters by type, label, host and q, and pages with a cursor', async () => {
    const byType = (await api.request('GET', '/v1/credentials?type=postgres')).json();
    expect(byType.total).toBe(5);
    expect(byType.credentials.every((c: any) => c.type === 'postgres')).toBe(true);
    expect((await api.request('GET', '/v1/credentials?type=postgres&label=odd')).json().total).toBe(2);
    expect((await api.request('GET', '/v1/credentials?host=db3.internal')).json().credentials.map((c: any) => c.name)).toEqual([
      'list-pg-3',
    ]);
    expect((await api.request('GET', '/v1/credentials?q=list-pg-')).json().total).toBe(5);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/credentials?type=postgres&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: any = (await api.request('GET', url)).json();
      expect(page.credentials.length).toBeLessThanOrEqual(2);
      seen.push(...page.credentials.map((c: any) => c.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['list-pg-0', 'list-pg-1', 'list-pg-2', 'list-pg-3', 'list-pg-4']);
  });

  it('rejects unknown filters and a forged cursor with 400', async () => {
    expect((await api.request('GET', '/v1/credentials?colour=red')).statusCode).toBe(400);
    expect((await api.request('GET', '/v1/credentials?cursor=bm9wZQ')).statusCode).toBe(400);
    expect((await api.request('GET', '/v1/credentials?limit=5000')).statusCode).toBe(400);
  });
});

describe('errors', () => {
  it('answers 401 without a valid token, in the error shape', async () => {
    const none = await api.request('GET', '/v1/credentials', { token: null });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect((await api.request('GET', '/v1/credentials', { token: 'wrong-token-0123456789' })).statusCode).toBe(401);
  });

  it('names every bad field in one 400', async () => {
    const reply = await api.request('POST', '/v1/credentials', {
      body: { name: 'bad\tname', type: 'postgres', extra: { port: 'abc' }, expiresAt: 'tomorrow' },
    });
    expect(reply.statusCode).toBe(400);
    const fields = reply.json().details.map((d: any) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'secret', 'extra.port', 'expiresAt']));
  });

  it('refuses unknown body fields and a secret in PATCH', async () => {
    expect((await api.request('POST', '/v1/credentials', { body: { ...openAiCredential('x-unknown'), colour: 'red' } })).statusCode).toBe(
      400,
    );
    const { id } = (await create(openAiCredential('patch-secret'))).json();
    const reply = await api.request('PATCH', `/v1/credentials/${id}`, { body: { secret: openAiKey() } });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().details.map((d: any) => d.field)).toContain('secret');
  });

  it('answers 409 for a duplicate name in the tenant, and frees the name on destroy', async () => {
    const first = (await create(openAiCredential('dup-name'))).json();
    const again = await api.request('POST', '/v1/credentials', { body: openAiCredential('dup-name') });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE_NAME');
    await api.request('POST', `/v1/credentials/${first.id}/destroy`);
    expect((await api.request('POST', '/v1/credentials', { body: openAiCredential('dup-name') })).statusCode).toBe(201);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await api.request('GET', '/v1/credentials/6b0f3c1e-8d4a-4e57-9a47-1f3f4a1b2c3d')).statusCode).toBe(404);
    expect((await api.request('GET', '/v1/credentials/not-a-uuid')).statusCode).toBe(400);
  });

  it('answers a body that is not JSON with a 400 that does not echo it', async () => {
    const reply = await api.request('POST', '/v1/credentials', { body: undefined, headers: { 'content-type': 'application/json' } });
    expect([400, 415]).toContain(reply.statusCode);
    const broken = await api.app.inject({
      method: 'POST',
      url: '/v1/credentials',
      headers: { authorization: `Bearer ${api.config.bootstrapToken}`, 'content-type': 'application/json' },
      payload: '{"secret": "sk-hunter2-secret-value", oops',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).not.toContain('hunter2');
  });
});

describe('templates, health and docs', () => {
  it('serves the template catalogue and one template', async () => {
    const all = (await api.request('GET', '/v1/templates')).json();
    expect(all.templates.map((t: any) => t.type)).toEqual(
      expect.arrayContaining(['ssh', 'postgres', 'proxmox', 'openai', 'anthropic', 'winrm']),
    );
    const proxmox = (await api.request('GET', '/v1/templates/proxmox')).json();
    expect(proxmox.fields.find((f: any) => f.name === 'token_value')).toMatchObject({ kind: 'secret', when: { auth_method: 'api_token' } });
    expect((await api.request('GET', '/v1/templates/nope')).statusCode).toBe(404);
  });

  it('answers health without a token and checks Postgres and Redis', async () => {
    expect((await api.request('GET', '/health/live', { token: null })).statusCode).toBe(200);
    const ready = await api.request('GET', '/health/ready', { token: null });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document', async () => {
    const doc = (await api.request('GET', '/docs/openapi.json', { token: null })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/credentials', '/v1/credentials/{id}/reveal', '/v1/credentials/lookup']),
    );
  });
});
