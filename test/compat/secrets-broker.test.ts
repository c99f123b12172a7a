import { ADMIN_TOKEN, startTestApi, type Reply, type TestApi } from '../support/api.js';
import { grant } from '../support/access.js';
import { eventually } from '../support/async.js';
import { createPrincipal, type TestPrincipal } from '../support/principals.js';

// The secrets broker's internal routes, called as its clients call them:
// the bodies below are the broker's documented requests, sent unchanged,
// with a Keyledger token as X-Internal-Key.
let api: TestApi;
let operator: TestPrincipal;
let service: TestPrincipal;
beforeAll(async () => {
  api = await startTestApi('compat_secrets_broker');
  [operator, service] = await Promise.all([createPrincipal(api, 'operator'), createPrincipal(api, 'service')]);
});
afterAll(() => api.close());

const UPSERT = '/internal/secrets/credential-upsert';
const LOOKUP = '/internal/secrets/credential-lookup';
const DELETE = (host: string, purpose: string) =>
  `/internal/secrets/credential-delete?host=${encodeURIComponent(host)}&purpose=${encodeURIComponent(purpose)}`;

const broker = (method: string, url: string, options: { body?: unknown; key?: string | null; headers?: Record<string, string> } = {}) => {
  const key = options.key === undefined ? ADMIN_TOKEN : options.key;
  const headers = { ...(key === null ? {} : { 'x-internal-key': key }), ...options.headers };
  return api.request(method, url, { body: options.body, token: null, headers });
};

const listByHost = async (host: string) =>
  (await api.request('GET', `/v1/credentials?host=${encodeURIComponent(host)}&limit=100`)).json().credentials as {
    id: string;
    [field: string]: unknown;
  }[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// The broker's documented upsert body, sent as its clients send it.
const DOCUMENTED_UPSERT = {
  host: '192.168.50.211',
  purpose: 'winrm',
  username: 'Administrator',
  password: 'SecurePass123',
  domain: 'CORP',
  additional_data: { notes: 'Production server' },
};

describe('the documented requests', () => {
  let credentialId: string;

  it('upserts the documented body: 200 {success, credential_id, host, purpose}', async () => {
    const reply = await broker('POST', UPSERT, { body: DOCUMENTED_UPSERT });
    expect(reply.statusCode).toBe(200);
    const answer = reply.json();
    expect(answer).toEqual({ success: true, credential_id: expect.stringMatching(UUID), host: '192.168.50.211', purpose: 'winrm' });
    credentialId = answer.credential_id;
  });

  it('looks it up: 200 with the documented body, password included, not cached', async () => {
    const reply = await broker('POST', LOOKUP, { body: { host: '192.168.50.211', purpose: 'winrm' } });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    // The lookup answers with the fields the upsert stored, in the same shape.
    expect(reply.json()).toEqual(DOCUMENTED_UPSERT);
  });

  it('upserts the curl example again: the same credential, its secret rotated, its other fields kept', async () => {
    const reply = await broker('POST', UPSERT, {
      body: { host: '192.168.50.211', purpose: 'winrm', username: 'Administrator', password: 'SecurePass456', domain: 'CORP' },
    });
    expect(reply.json()).toEqual({ success: true, credential_id: credentialId, host: '192.168.50.211', purpose: 'winrm' });
    const looked = (await broker('POST', LOOKUP, { body: { host: '192.168.50.211', purpose: 'winrm' } })).json();
    expect(looked).toMatchObject({ password: 'SecurePass456', additional_data: { notes: 'Production server' } });
  });

  it('shows the credential, masked, through GET /v1/credentials', async () => {
    const reply = await api.request('GET', '/v1/credentials?host=192.168.50.211');
    expect(reply.body).not.toContain('SecurePass');
    expect(reply.json().credentials).toEqual([
      expect.objectContaining({
        id: credentialId,
        name: 'winrm on 192.168.50.211',
        type: 'custom',
        username: 'Administrator',
        host: '192.168.50.211',
        purpose: 'winrm',
        extra: { domain: 'CORP', additional_data: { notes: 'Production server' } },
        status: 'active',
        secretVersion: 2,
      }),
    ]);
  });

  it('records the writes and the lookups in GET /v1/audit', async () => {
    type Entry = { action: string; actor: string; outcome: string };
    const audit = async () => (await api.request('GET', `/v1/audit?credentialId=${credentialId}`)).json().entries as Entry[];
    // The trail reads the log up to the oldest transaction still open on the server: wait until both lookups are in.
    await eventually(async () => (await audit()).filter((e) => e.action === 'looked_up').length >= 2, 10_000, 'lookups in the audit trail');
    const entries = await audit();
    const actions = entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'looked_up')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['created', 'rotated']));
    expect(entries.every((e) => e.actor === 'bootstrap-admin' && e.outcome === 'success')).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('SecurePass');
  });

  it('deletes it as documented: 200 {success, host, purpose}; it is then deactivated, and not found', async () => {
    const reply = await broker('DELETE', DELETE('192.168.50.211', 'winrm'));
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ success: true, host: '192.168.50.211', purpose: 'winrm' });
    expect((await api.request('GET', `/v1/credentials/${credentialId}`)).json().status).toBe('inactive');

    const lookup = await broker('POST', LOOKUP, { body: { host: '192.168.50.211', purpose: 'winrm' } });
    expect([lookup.statusCode, lookup.json()]).toEqual([404, { reason: 'not_found' }]);
    const again = await broker('DELETE', DELETE('192.168.50.211', 'winrm'));
    expect([again.statusCode, again.json()]).toEqual([404, { reason: 'not_found' }]);
  });

  it('upserts a deleted pair as a new credential beside the deactivated one', async () => {
    const reply = await broker('POST', UPSERT, {
      body: { host: '192.168.50.211', purpose: 'winrm', username: 'Administrator', password: 'SecurePass789' },
    });
    expect(reply.statusCode).toBe(200);
    const fresh = reply.json().credential_id;
    expect(fresh).not.toBe(credentialId);
    const listed = await listByHost('192.168.50.211');
    expect(listed.map((c) => [c.id, c.status]).sort()).toEqual(
      [
        [credentialId, 'inactive'],
        [fresh, 'active'],
      ].sort(),
    );
    expect(listed.find((c) => c.id === fresh)!.name).toMatch(/^winrm on 192\.168\.50\.211 \([0-9a-f]{8}\)$/);
  });

  it('answers 404 {"reason": "not_found"} to a lookup of a pair nobody stored', async () => {
    const reply = await broker('POST', LOOKUP, { body: { host: '10.0.0.99', purpose: 'ssh' } });
    expect([reply.statusCode, reply.json()]).toEqual([404, { reason: 'not_found' }]);
  });
});

describe('authentication', () => {
  const requests: [string, string, unknown][] = [
    ['POST', UPSERT, { host: '10.1.1.1', purpose: 'ssh', username: 'root', password: 'pw-auth-1' }],
    ['POST', LOOKUP, { host: '10.1.1.1', purpose: 'ssh' }],
    ['DELETE', DELETE('10.1.1.1', 'ssh'), undefined],
  ];

  it.each(requests)(
    'refuses %s %s without X-Internal-Key, with a wrong one, or with a bearer token instead: 403 without detail',
    async (method, url, body) => {
      const replies: Reply[] = [
        await broker(method, url, { body, key: null }),
        await broker(method, url, { body, key: 'klt_not-a-real-token' }),
        await broker(method, url, { body, key: `${ADMIN_TOKEN}x` }),
        await broker(method, url, { body, key: null, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }),
      ];
      for (const reply of replies) {
        expect(reply.statusCode).toBe(403);
        expect(reply.json()).toEqual({ reason: 'forbidden' });
        expect(reply.headers['www-authenticate']).toBeUndefined();
      }
      expect(await listByHost('10.1.1.1')).toEqual([]);
    },
  );

  it('lets the token role decide as on /v1: an operator writes but may not look up', async () => {
    const body = { host: '10.1.1.2', purpose: 'ssh', username: 'root', password: 'pw-operator' };
    expect((await broker('POST', UPSERT, { body, key: operator.token })).statusCode).toBe(200);
    const lookup = await broker('POST', LOOKUP, { body: { host: '10.1.1.2', purpose: 'ssh' }, key: operator.token });
    expect([lookup.statusCode, lookup.json()]).toEqual([403, { reason: 'forbidden' }]);
  });

  it('answers the not-found answer to a service without a grant, and serves it once granted', async () => {
    const created = await broker('POST', UPSERT, { body: { host: '10.1.1.3', purpose: 'database', password: 'pw-service' } });
    const id = created.json().credential_id;
    const key = { host: '10.1.1.3', purpose: 'database' };
    const refused = [
      await broker('POST', LOOKUP, { body: key, key: service.token }),
      await broker('POST', UPSERT, { body: { ...key, password: 'pw-stolen' }, key: service.token }),
      await broker('DELETE', DELETE(key.host, key.purpose), { key: service.token }),
    ];
    for (const reply of refused) expect([reply.statusCode, reply.json()]).toEqual([404, { reason: 'not_found' }]);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json()).toMatchObject({ status: 'active', secretVersion: 1 });

    await grant(api, id, { principalId: service.principalId }, 'use');
    const looked = await broker('POST', LOOKUP, { body: key, key: service.token });
    expect(looked.json()).toEqual({ ...key, username: null, password: 'pw-service', domain: null, additional_data: {} });
    const denied = async () => (await api.request('GET', `/v1/audit?actor=${service.principalId}&outcome=denied`)).json().entries;
    await eventually(async () => (await denied()).length >= 3, 10_000, 'the three refusals in the audit trail');
    expect((await denied()).length).toBeGreaterThanOrEqual(3);
  });
});

describe('one credential per (host, purpose)', () => {
  it('leaves exactly one credential after concurrent upserts of one pair, every write kept as a version', async () => {
    const passwords = Array.from({ length: 5 }, (_, i) => `pw-race-${i}`);
    const replies = await Promise.all(
      passwords.map((password) => broker('POST', UPSERT, { body: { host: '10.2.2.2', purpose: 'rdp', username: 'ops', password } })),
    );
    expect(replies.map((r) => r.statusCode)).toEqual(passwords.map(() => 200));
    const ids = new Set(replies.map((r) => r.json().credential_id));
    expect(ids.size).toBe(1);
    const listed = await listByHost('10.2.2.2');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: [...ids][0], status: 'active', secretVersion: passwords.length });
    const looked = (await broker('POST', LOOKUP, { body: { host: '10.2.2.2', purpose: 'rdp' } })).json();
    expect(passwords).toContain(looked.password);
  });

  it('answers 409 naming the broker credential to a /v1 create of the same active pair', async () => {
    const upserted = await broker('POST', UPSERT, { body: { host: '10.3.3.3', purpose: 'http', password: 'pw-http' } });
    const existing = upserted.json().credential_id;
    const reply = await api.request('POST', '/v1/credentials', {
      body: { name: 'http-duplicate', type: 'custom', secret: 'another', host: '10.3.3.3', purpose: 'http' },
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json()).toMatchObject({ code: 'DUPLICATE_HOST_PURPOSE', details: { credentialId: existing } });
    expect(reply.json().message).toContain(existing);
  });

  it('replays an upsert sent again with the same Idempotency-Key, without a second rotation', async () => {
    const body = { host: '10.4.4.4', purpose: 'ssh', password: 'pw-idem' };
    const headers = { 'idempotency-key': 'broker-upsert-1' };
    const first = await broker('POST', UPSERT, { body, headers });
    const second = await broker('POST', UPSERT, { body, headers });
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect((await listByHost('10.4.4.4'))[0]).toMatchObject({ secretVersion: 1 });
  });

  it('refuses an upsert without a password, and a delete without host or purpose, with 400', async () => {
    expect((await broker('POST', UPSERT, { body: { host: '10.5.5.5', purpose: 'ssh' } })).statusCode).toBe(400);
    expect((await broker('DELETE', '/internal/secrets/credential-delete?host=10.5.5.5')).statusCode).toBe(400);
    expect(await listByHost('10.5.5.5')).toEqual([]);
  });
});
