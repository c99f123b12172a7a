import { startTestApi, type TestApi } from '../support/api.js';
import { grant } from '../support/access.js';
import { eventually } from '../support/async.js';
import { answer, basicAuth, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { createPrincipal } from '../support/principals.js';

// Glassdome's routes beside ZainOne's /api/credentials: its credential forms
// (the "Configuration Templates" its design shows, field for field), the test
// of a stored credential and its rotation, called as its clients call them.
let api: TestApi;
let site: LoopbackHttp;
const GOOD = 'glassdome-right-password';

beforeAll(async () => {
  site = await startLoopbackHttp((req, res) => answer(res, req.headers.authorization === basicAuth('deploy', GOOD)));
  api = await startTestApi('compat_glassdome', { KEYLEDGER_HEALTHCHECK_TIMEOUT: '1s' });
});
afterAll(async () => {
  await api.close();
  await site.close();
});

type Body = Record<string, any>;

// The documented "Configuration Templates".
const DOCUMENTED_FORMS: Body[] = [
  {
    service_type: 'proxmox',
    required_fields: [
      { name: 'host', type: 'text', label: 'Proxmox Host' },
      { name: 'user', type: 'text', label: 'Username', default: 'root@pam' },
      { name: 'auth_method', type: 'select', label: 'Authentication', options: ['password', 'api_token'] },
    ],
    conditional_fields: {
      'auth_method=password': [{ name: 'password', type: 'password', label: 'Password' }],
      'auth_method=api_token': [
        { name: 'token_name', type: 'text', label: 'Token Name' },
        { name: 'token_value', type: 'password', label: 'Token Secret' },
      ],
    },
  },
  {
    service_type: 'azure',
    required_fields: [
      { name: 'subscription_id', type: 'text', label: 'Subscription ID' },
      { name: 'client_id', type: 'text', label: 'Client ID' },
      { name: 'client_secret', type: 'password', label: 'Client Secret' },
      { name: 'tenant_id', type: 'text', label: 'Tenant ID' },
    ],
  },
  {
    service_type: 'aws',
    required_fields: [
      { name: 'access_key_id', type: 'text', label: 'Access Key ID' },
      { name: 'secret_access_key', type: 'password', label: 'Secret Access Key' },
      { name: 'region', type: 'select', label: 'Default Region', options: ['us-east-1', 'us-west-2', 'eu-west-1'] },
    ],
  },
  {
    service_type: 'openai',
    required_fields: [
      { name: 'api_key', type: 'password', label: 'API Key' },
      { name: 'model', type: 'select', label: 'Default Model', options: ['gpt-4', 'gpt-4-turbo', 'gpt-3.5-turbo'] },
      { name: 'organization', type: 'text', label: 'Organization ID (optional)', required: false },
    ],
  },
  {
    service_type: 'anthropic',
    required_fields: [
      { name: 'api_key', type: 'password', label: 'API Key' },
      { name: 'model', type: 'select', label: 'Default Model', options: ['claude-3-opus', 'claude-3-sonnet', 'claude-3-haiku'] },
    ],
  },
];

/** A documented field as Keyledger serves it: same name, input type, default and choices; the catalogue's own label. */
const servedAs = ({ label: _label, options, ...field }: Body) =>
  expect.objectContaining({ ...field, ...(options ? { options: expect.arrayContaining(options) } : {}), label: expect.any(String) });

// The "Add New Credential" screen: Proxmox by API token, in Glassdome's names.
const TOKEN_UUID = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';
const PROXMOX_FORM = {
  name: 'Proxmox Production',
  host: '192.168.1.100',
  user: 'root@pam',
  auth_method: 'api_token',
  token_name: 'glassdome-token',
  token_value: TOKEN_UUID,
};

/** A create body from a form filled in Glassdome's names, through the seed names of GET /v1/templates. */
async function fromForm(serviceType: string, values: Body): Promise<Body> {
  const template = (await api.request('GET', `/v1/templates/${serviceType}`)).json();
  const { fields } = template.seedNames.find((s: Body) => s.system === 'glassdome');
  const body: Body = { type: template.type, extra: {} };
  for (const [name, value] of Object.entries(values)) {
    const path: string = name === 'name' ? 'name' : fields[name];
    if (path.startsWith('extra.')) body.extra[path.slice('extra.'.length)] = value;
    else body[path] = value;
  }
  return body;
}

const create = async (body: Body) => {
  const reply = await api.request('POST', '/api/credentials', { body });
  expect([reply.statusCode, reply.statusCode === 201 ? '' : reply.body]).toEqual([201, '']);
  return reply.json().id as string;
};

describe('GET /api/credentials/templates/{service_type}', () => {
  it.each(DOCUMENTED_FORMS.map((form) => [form.service_type, form] as const))(
    '%s: the documented form, field for field, from the template catalogue',
    async (serviceType, documented) => {
      const reply = await api.request('GET', `/api/credentials/templates/${serviceType}`);
      expect(reply.statusCode).toBe(200);
      const form = reply.json();
      expect(form.service_type).toBe(serviceType);
      expect(form.required_fields).toEqual(expect.arrayContaining(documented.required_fields.map(servedAs)));
      for (const [condition, fields] of Object.entries<Body[]>(documented.conditional_fields ?? {})) {
        expect([condition, form.conditional_fields?.[condition]]).toEqual([condition, expect.arrayContaining(fields.map(servedAs))]);
      }
      if (!documented.conditional_fields) expect(form).not.toHaveProperty('conditional_fields');
    },
  );

  it('marks only the optional fields required: false, and serves every field of the catalogue template', async () => {
    const form = (await api.request('GET', '/api/credentials/templates/azure')).json();
    const template = (await api.request('GET', '/v1/templates/azure')).json();
    expect(form.required_fields).toHaveLength(template.fields.length);
    expect(form.required_fields.find((f: Body) => f.name === 'tenant_id')).not.toHaveProperty('required');
    expect(form.required_fields.find((f: Body) => f.name === 'subscription_id')).toMatchObject({ required: false });
  });

  it('serves a type Glassdome has no form for under its Keyledger names', async () => {
    const form = (await api.request('GET', '/api/credentials/templates/kubernetes')).json();
    expect(form.service_type).toBe('kubernetes');
    expect(Object.keys(form.conditional_fields).sort()).toEqual(['auth_method=kubeconfig', 'auth_method=token']);
  });

  it('answers 404 for a service type nobody knows, without echoing it, and never reads "templates" as an id', async () => {
    const unknown = await api.request('GET', '/api/credentials/templates/no-such-service');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'NOT_FOUND']);
    expect(unknown.body).not.toContain('no-such-service');
    const bare = await api.request('GET', '/api/credentials/templates');
    expect(bare.statusCode).toBeGreaterThanOrEqual(400);
    expect(bare.statusCode).toBeLessThan(500);
  });

  it('requires a bearer token', async () => {
    expect((await api.request('GET', '/api/credentials/templates/proxmox', { token: null })).statusCode).toBe(401);
  });
});

describe('POST /api/credentials/{id}/test', () => {
  it('tests the Proxmox credential of the Add screen at once: success false, and the failure recorded on the credential', async () => {
    // The documented form, pointed at a loopback server that speaks plain HTTP: the HTTPS check fails there.
    const body = await fromForm('proxmox', { ...PROXMOX_FORM, host: '127.0.0.1' });
    body.extra.port = Number(new URL(site.url).port);
    const id = await create(body);
    const reply = await api.request('POST', `/api/credentials/${id}/test`);
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const result = reply.json();
    expect(result).toEqual({
      success: false,
      message: expect.stringContaining('TLS handshake with https://127.0.0.1:'),
      last_tested_at: expect.any(String),
      last_test_status: false,
    });
    expect(result.message).not.toContain(TOKEN_UUID);
    const detail = (await api.request('GET', `/v1/credentials/${id}`)).json();
    expect(detail).toMatchObject({ lastTestStatus: 'failed', lastTestedAt: result.last_tested_at });
  });

  it('answers success true, "Connection successful", for a credential its target accepts, recorded with its request', async () => {
    const id = await create({
      name: 'Intranet Login',
      type: 'http_basic',
      username: 'deploy',
      secret: GOOD,
      extra: { base_url: `${site.url}/login` },
    });
    const reply = await api.request('POST', `/api/credentials/${id}/test`);
    expect(reply.json()).toEqual({
      success: true,
      message: 'Connection successful',
      last_tested_at: expect.any(String),
      last_test_status: true,
    });
    expect(site.seen.at(-1)!.headers.authorization).toBe(basicAuth('deploy', GOOD));

    const events = (await api.request('GET', `/v1/credentials/${id}/events`)).json().events as Body[];
    const requested = events.filter((e) => e.type === 'CredentialTestRequested');
    const succeeded = events.filter((e) => e.type === 'CredentialTestSucceeded');
    expect(requested).toHaveLength(1);
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]!.data.requestId).toBe(requested[0]!.data.requestId);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().lastTestStatus).toBe('ok');

    const audit = async () => (await api.request('GET', `/v1/audit?credentialId=${id}`)).json().entries as Body[];
    await eventually(async () => (await audit()).some((e) => e.action === 'tested'), 20_000, 'the test in the audit trail');
    expect((await audit()).filter((e) => e.action === 'tested' || e.action === 'test_requested')).toEqual([
      expect.objectContaining({ action: 'tested', outcome: 'success', actor: 'bootstrap-admin' }),
      expect.objectContaining({ action: 'test_requested', actor: 'bootstrap-admin' }),
    ]);
  });

  it('refuses a deactivated credential with 409 and tests nothing', async () => {
    const id = await create({
      name: 'Retired Login',
      type: 'http_basic',
      username: 'deploy',
      secret: GOOD,
      extra: { base_url: `${site.url}/retired` },
    });
    await api.request('DELETE', `/api/credentials/${id}`);
    const seen = site.seen.length;
    const reply = await api.request('POST', `/api/credentials/${id}/test`);
    expect([reply.statusCode, reply.json().code]).toEqual([409, 'CREDENTIAL_INACTIVE']);
    expect(site.seen.length).toBe(seen);
  });

  it('lets the role decide as on /v1: an auditor gets 403; an id that is not a UUID is a 4xx', async () => {
    const auditor = await createPrincipal(api, 'auditor');
    const id = await create({
      name: 'Audited Login',
      type: 'http_basic',
      username: 'deploy',
      secret: GOOD,
      extra: { base_url: `${site.url}/a` },
    });
    expect((await api.request('POST', `/api/credentials/${id}/test`, { token: auditor.token })).statusCode).toBe(403);
    const malformed = await api.request('POST', '/api/credentials/not-a-uuid/test');
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);
  });
});

describe('POST /api/credentials/{id}/rotate', () => {
  it("rotates a Proxmox token sent under its Glassdome name; the answer is Glassdome's credential, without the secret", async () => {
    const id = await create(await fromForm('proxmox', { ...PROXMOX_FORM, name: 'Proxmox Server 1' }));
    const fresh = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
    const reply = await api.request('POST', `/api/credentials/${id}/rotate`, { body: { token_value: fresh } });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      id,
      name: 'Proxmox Server 1',
      service_type: 'proxmox',
      config: expect.objectContaining({ host: '192.168.1.100', user: 'root@pam', auth_method: 'api_token', token_name: 'glassdome-token' }),
      status: 'active',
      last_tested_at: null,
      last_test_status: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      expires_at: null,
    });
    expect(reply.body).not.toContain(fresh);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().secretVersion).toBe(2);
    expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).json().secret).toBe(fresh);

    const audit = async () => (await api.request('GET', `/v1/audit?credentialId=${id}`)).json().entries as Body[];
    await eventually(async () => (await audit()).some((e) => e.action === 'rotated'), 20_000, 'the rotation in the audit trail');
  });

  it('takes {"secret": ...} too, and validates the new secret as /v1 does', async () => {
    const id = await create(
      await fromForm('openai', { name: 'OpenAI GPT-4', api_key: 'sk-proj-abcdefghijklmnopqrstuvwxyz012345', model: 'gpt-4-turbo' }),
    );
    const rotated = await api.request('POST', `/api/credentials/${id}/rotate`, {
      body: { api_key: 'sk-proj-rotatedabcdefghijklmnopqrstuvwxyz' },
    });
    expect(rotated.json()).toMatchObject({ service_type: 'openai', config: { model: 'gpt-4-turbo' } });
    const plain = await api.request('POST', `/api/credentials/${id}/rotate`, {
      body: { secret: 'sk-proj-thirdabcdefghijklmnopqrstuvwxyz0' },
    });
    expect(plain.statusCode).toBe(200);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().secretVersion).toBe(3);

    const badFormat = await api.request('POST', `/api/credentials/${id}/rotate`, { body: { api_key: 'not-an-openai-key-at-all' } });
    expect([badFormat.statusCode, badFormat.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(badFormat.body).not.toContain('not-an-openai-key-at-all');
    const unknown = await api.request('POST', `/api/credentials/${id}/rotate`, { body: { token_value: 'sk-proj-x' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual([expect.objectContaining({ field: 'token_value' })]);
    const twice = await api.request('POST', `/api/credentials/${id}/rotate`, { body: { api_key: 'sk-proj-a', secret: 'sk-proj-b' } });
    expect(twice.statusCode).toBe(400);
    expect((await api.request('GET', `/v1/credentials/${id}`)).json().secretVersion).toBe(3);
  });
});

describe('team sharing (Use Case 3)', () => {
  it('shares "Team Proxmox" with team-red: its members see it through /api/credentials, others do not', async () => {
    const id = await create(await fromForm('proxmox', { ...PROXMOX_FORM, name: 'Team Proxmox', host: '10.20.30.40' }));
    await grant(api, id, { team: 'team-red' }, 'use');
    const [member, outsider] = await Promise.all([
      createPrincipal(api, 'service', { teams: ['team-red'] }),
      createPrincipal(api, 'service', { teams: ['team-blue'] }),
    ]);
    const accessible = (await api.request('GET', '/api/credentials', { token: member.token })).json();
    expect(accessible.credentials.map((c: Body) => c.name)).toEqual(['Team Proxmox']);
    expect((await api.request('GET', '/api/credentials', { token: outsider.token })).json().total).toBe(0);
  });
});
