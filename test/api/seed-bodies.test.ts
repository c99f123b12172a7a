import { startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { ZAINONE_CREATE, ZAINONE_TYPES } from '../support/seed-bodies.js';

// The credential bodies the systems Keyledger replaces send to create
// credentials. ZainOne sends Keyledger's own shape (type, username, secret,
// extra) and its bodies go out as that system documents them. Glassdome and
// Ops-Center name their fields differently; their values are written in
// their own names and translated with the seed names GET /v1/templates
// serves, as an importer would.

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_seed_bodies');
});
afterAll(() => api.close());

type Body = Record<string, any>;

const ZAINONE: Body[] = [ZAINONE_CREATE, ...ZAINONE_TYPES];

/** What the template adds to `extra` beside the settings as sent: its defaults, and how a db_dsn holds its secret. */
const ADDED: Record<string, Body> = {
  'Production PostgreSQL': { secret_format: 'password', driver: 'postgres' },
  'Production Database': { secret_format: 'password' },
  'GitHub API Token': { header: 'Authorization', scheme: 'Bearer' },
  'OpenAI API Key': { header: 'X-API-Key' },
};

const TOKEN_UUID = '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f';

/** Glassdome and Ops-Center values in their own field names: [system, seed type, fields]. */
const IN_THEIR_NAMES: [string, string, Body][] = [
  [
    'glassdome',
    'proxmox',
    {
      name: 'proxmox-production',
      host: '192.168.1.100',
      user: 'root@pam',
      auth_method: 'api_token',
      token_name: 'glassdome-token',
      token_value: TOKEN_UUID,
    },
  ],
  ['glassdome', 'proxmox', { name: 'production-proxmox', host: '192.168.1.100', token_name: 'glassdome-token', token_value: TOKEN_UUID }],
  [
    'glassdome',
    'azure',
    {
      name: 'azure-production',
      subscription_id: '99999999-8888-7777-6666-555555555555',
      client_id: '11111111-2222-3333-4444-555555555555',
      client_secret: 'Abc8Q~abcdefghijklmnopqrstuvwxyz0123456',
      tenant_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    },
  ],
  [
    'glassdome',
    'aws',
    {
      name: 'aws-development',
      access_key_id: 'AKIAIOSFODNN7EXAMPLE',
      secret_access_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'us-west-2',
    },
  ],
  [
    'glassdome',
    'openai',
    { name: 'openai-gpt-4', api_key: 'sk-proj-abcdefghijklmnopqrstuvwxyz012345', model: 'gpt-4-turbo', organization: 'org-abc123' },
  ],
  ['glassdome', 'anthropic', { name: 'anthropic-claude', api_key: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz', model: 'claude-3-opus' }],
  [
    'ops-center',
    'cloudflare',
    {
      credential_type: 'api_token',
      secret: 'abcdefghijklmnopqrstuvwxyz0123456789_-AB',
      'metadata.account_id': '0123456789abcdef0123456789abcdef',
    },
  ],
  [
    'ops-center',
    'namecheap',
    { NAMECHEAP_API_USERNAME: 'SkyBehind', NAMECHEAP_API_KEY: '0123456789abcdef0123456789abcdef', NAMECHEAP_CLIENT_IP: '203.0.113.7' },
  ],
  ['ops-center', 'openai', { key: 'sk-proj-byokabcdefghijklmnopqrstuvwxyz', label: 'byok-openai' }],
  ['ops-center', 'anthropic', { key: 'sk-ant-api03-byokabcdefghijklmnopqrstuvwxyz', label: 'byok-anthropic' }],
  ['ops-center', 'cohere', { key: 'co-abcdefghijklmnopqrstuvwxyz', label: 'byok-cohere', endpoint: 'https://api.cohere.ai' }],
  ['ops-center', 'huggingface', { key: 'hf_abcdefghijklmnopqrstuvwxyz0123', label: 'byok-huggingface' }],
  ['ops-center', 'replicate', { key: 'r8_abcdefghijklmnopqrstuvwxyz0123', label: 'byok-replicate' }],
  ['ops-center', 'custom', { key: 'custom-endpoint-key-0123456789', label: 'byok-custom', endpoint: 'https://llm.internal.example/v1' }],
  [
    'ops-center',
    'cloudflare',
    {
      name: 'Cloudflare (system)',
      service: 'cloudflare',
      credential_type: 'api_token',
      secret: 'zyxwvutsrqponmlkjihgfedcba9876543210_-AB',
    },
  ],
];

const create = async (body: Body) => {
  const reply = await api.request('POST', '/v1/credentials', { body });
  expect([body.name, reply.statusCode, reply.statusCode === 201 ? '' : reply.body]).toEqual([body.name, 201, '']);
  return reply.json();
};
const read = async (id: string) => {
  const reply = await api.request('GET', `/v1/credentials/${id}`);
  expect(reply.statusCode).toBe(200);
  return reply.json();
};
const idsByHost = async (host: string) =>
  (await api.request('GET', `/v1/credentials?host=${encodeURIComponent(host)}`)).json().credentials.map((c: Body) => c.id);

/** A Keyledger body from a system's own field names, by the seed names of the template that claims its type. */
async function translate(system: string, seedType: string, fields: Body): Promise<Body> {
  const { templates } = (await api.request('GET', '/v1/templates')).json();
  const template = templates.find((t: Body) => t.seedNames.some((s: Body) => s.system === system && s.type === seedType));
  const mapping: Record<string, string> = template.seedNames.find((s: Body) => s.system === system && s.type === seedType).fields;
  const body: Body = { type: template.type, name: fields.name ?? `${system}-${seedType}`, extra: {} };
  for (const [theirs, value] of Object.entries(fields)) {
    const path = theirs === 'name' ? 'name' : mapping[theirs];
    expect([theirs, path]).toEqual([theirs, expect.any(String)]);
    if (path === 'type') continue;
    if (path!.startsWith('extra.')) body.extra[path!.slice('extra.'.length)] = value;
    else body[path!] = value;
  }
  const providerPath = mapping.provider;
  if (providerPath?.startsWith('extra.')) body.extra[providerPath.slice('extra.'.length)] = seedType;
  return body;
}

describe('ZainOne credential bodies', () => {
  it.each(ZAINONE.map((body) => [body.type, body.name, body] as const))(
    '%s %s: 201, read back masked with host and extra as sent',
    async (_type, _name, body) => {
      const created = await create(body);
      expect(created).not.toHaveProperty('secret');
      expect(JSON.stringify(created)).not.toContain(body.secret);
      const detail = await read(created.id);
      expect(detail).toMatchObject({ name: body.name, type: body.type, username: body.username ?? null });
      expect(detail.host).toBe(body.extra.host ?? null);
      expect(detail.extra).toEqual({ ...body.extra, ...ADDED[body.name] });
      if (body.extra.host) expect(await idsByHost(body.extra.host)).toContain(created.id);
    },
  );

  it('finds a seed-shaped credential by host and purpose once it has a purpose, and rotates it with a ZainOne PUT', async () => {
    const body = { ...ZAINONE[0], name: 'Production PostgreSQL (lookup)', extra: { ...ZAINONE[0]!.extra, host: 'pg-lookup.example.com' } };
    const { id } = await create(body);
    const patched = await api.request('PATCH', `/v1/credentials/${id}`, { body: { purpose: 'reporting' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ host: 'pg-lookup.example.com', purpose: 'reporting', extra: body.extra });

    const found = await api.request('POST', '/v1/credentials/lookup', { body: { host: 'pg-lookup.example.com', purpose: 'reporting' } });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ id, username: 'admin', secret: 'my_secure_password_123', host: 'pg-lookup.example.com' });

    const put = await api.request('PUT', `/v1/credentials/${id}`, { body: { secret: 'new_rotated_password_456' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ secretVersion: 2, extra: { secret_format: 'password' } });
    const again = await api.request('POST', `/v1/credentials/${id}/reveal`);
    expect(again.json().secret).toBe('new_rotated_password_456');
  });

  it('still refuses a setting no template knows, naming the allowed ones', async () => {
    const reply = await api.request('POST', '/v1/credentials', {
      body: { ...ZAINONE[2], name: 'basic-unknown', extra: { base_url: 'https://api.example.com', timeout: 5 } },
    });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().details).toEqual([
      { field: 'extra.timeout', message: "extra.timeout: unknown setting for type 'http_basic'; allowed: url, additional_data, base_url" },
    ]);
  });
});

describe('Glassdome and Ops-Center credentials, translated by the seed names', () => {
  it.each(IN_THEIR_NAMES.map(([system, type, fields]) => [system, type, fields] as const))(
    '%s %s: 201 and read back with its settings',
    async (system, seedType, fields) => {
      const body = await translate(system, seedType, fields);
      const { id } = await create(body);
      const detail = await read(id);
      expect(detail).toMatchObject({ type: body.type, extra: body.extra, host: body.host ?? null });
      if (body.username) expect(detail.username).toBe(body.username);
      if (body.host) expect(await idsByHost(body.host)).toContain(id);
    },
  );

  it('keeps a Glassdome Proxmox user with its realm', async () => {
    const body = await translate('glassdome', 'proxmox', IN_THEIR_NAMES[0]![2]);
    expect(body).toMatchObject({ type: 'proxmox', username: 'root@pam', secret: TOKEN_UUID, extra: { token_name: 'glassdome-token' } });
  });
});

// The Secure Credentials System had no HTTP API: its Python API's keyword
// arguments and its CLI's options become /v1 requests, as an importer or a
// skill's client sends them (db_type is the type, password the secret).
describe('Secure Credentials System calls, through /v1', () => {
  const STORE_CREDENTIAL = {
    name: 'my_db',
    db_type: 'postgres',
    host: 'db.example.com',
    port: 5432,
    database: 'mydb',
    username: 'dbuser',
    password: 'secret123',
    description: 'Production database',
  };
  const CLI_ADD = { name: 'my_postgres_db', db_type: 'postgres', host: 'db.example.com', database: 'production', username: 'dbuser' };
  const asCreate = ({ db_type, password, port, database, ...rest }: Body, secret = password): Body => ({
    ...rest,
    type: db_type,
    secret,
    extra: { database, ...(port === undefined ? {} : { port }) },
  });

  it('stores, looks up by credential_ref, rotates the password and deletes, each recorded in the audit trail', async () => {
    const { id } = await create(asCreate(STORE_CREDENTIAL));
    const cli = await create({ ...asCreate(CLI_ADD, 'prompted-password-1'), purpose: 'skills' });
    expect(await read(cli.id)).toMatchObject({
      name: 'my_postgres_db',
      host: 'db.example.com',
      extra: { database: 'production', port: 5432 },
    });

    // vault.get_credential(user, "my_db") / credential_ref: "my_db"
    const found = await api.request('POST', '/v1/credentials/lookup', { body: { name: 'my_db' } });
    expect(found.json()).toMatchObject({ id, type: 'postgres', username: 'dbuser', secret: 'secret123', host: 'db.example.com' });
    expect(found.json().extra).toMatchObject({ port: 5432, database: 'mydb' });

    // vault.update_password(user, "my_db", "new_password")
    const rotated = await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: 'new_password' } });
    expect(rotated.json()).toMatchObject({ secretVersion: 2, description: 'Production database' });
    expect(rotated.body).not.toContain('new_password');
    // vault.list_credentials(user): masked
    const listed = await api.request('GET', '/v1/credentials?type=postgres');
    expect(listed.json().credentials.map((c: Body) => c.name)).toEqual(expect.arrayContaining(['my_db', 'my_postgres_db']));
    expect(listed.body).not.toContain('secret123');
    expect(listed.body).not.toContain('new_password');
    // vault.delete_credential(user, "my_db")
    expect((await api.request('DELETE', `/v1/credentials/${id}`)).json().status).toBe('inactive');

    const actions = async () => (await api.request('GET', `/v1/audit?credentialId=${id}`)).json().entries.map((e: Body) => e.action);
    await eventually(async () => (await actions()).includes('deactivated'), 20_000, 'the deletion in the audit trail');
    expect(await actions()).toEqual(expect.arrayContaining(['created', 'looked_up', 'rotated', 'deactivated']));
  });
});

describe('the Glassdome and Ops-Center credentials, seen through /v1 and the audit trail', () => {
  it('lists every one of them masked, and records each creation', async () => {
    const listed = (await api.request('GET', '/v1/credentials?limit=200')).json().credentials as Body[];
    const ids: string[] = [];
    for (const [system, seedType, fields] of IN_THEIR_NAMES) {
      const body = await translate(system, seedType, fields);
      const shown = listed.find((c) => c.name === body.name);
      expect([body.name, shown?.secretPreview]).toEqual([body.name, expect.any(String)]);
      expect(JSON.stringify(shown)).not.toContain(body.secret);
      ids.push(shown!.id);
    }
    const created = async () =>
      (await api.request('GET', '/v1/audit?action=created&limit=1000')).json().entries.map((e: Body) => e.credentialId) as string[];
    await eventually(
      async () => ((all) => ids.every((id) => all.includes(id)))(await created()),
      20_000,
      'every creation in the audit trail',
    );
  });
});

describe('secrets broker fields on service templates', () => {
  it('takes a winrm domain and additional_data, and refuses a secret-named key inside additional_data', async () => {
    const body = {
      name: 'winrm-192-168-50-211',
      type: 'winrm',
      host: '192.168.50.211',
      purpose: 'winrm',
      username: 'Administrator',
      secret: 'SecurePass123',
      extra: { domain: 'CORP', additional_data: { notes: 'Production server' } },
    };
    const { id } = await create(body);
    expect((await read(id)).extra).toMatchObject(body.extra);
    const leak = await api.request('POST', '/v1/credentials', {
      body: { ...body, name: 'winrm-leak', extra: { additional_data: { admin_password: 'SecurePass123' } } },
    });
    expect(leak.statusCode).toBe(400);
    expect(leak.json().details.map((d: Body) => d.field)).toEqual(['extra.additional_data.admin_password']);
    expect(leak.body).not.toContain('SecurePass123');
  });
});

describe('the template catalogue', () => {
  it('serves each template with its seed names', async () => {
    const dsn = (await api.request('GET', '/v1/templates/db_dsn')).json();
    expect(dsn.seedNames).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ system: 'zainone', type: 'db_dsn', fields: expect.objectContaining({ 'extra.host': 'host' }) }),
        expect.objectContaining({ system: 'secrets-broker', type: 'database' }),
      ]),
    );
    const proxmox = (await api.request('GET', '/v1/templates/proxmox')).json();
    expect(proxmox.seedNames).toEqual([
      expect.objectContaining({
        system: 'glassdome',
        type: 'proxmox',
        fields: expect.objectContaining({ user: 'username', token_value: 'secret' }),
      }),
    ]);
    const basic = (await api.request('GET', '/v1/templates/http_basic')).json();
    expect(basic.fields.find((f: Body) => f.name === 'url')).toMatchObject({ aliases: ['extra.base_url'] });
    const { templates } = (await api.request('GET', '/v1/templates')).json();
    for (const template of templates) expect(template.fields.map((f: Body) => f.name)).toContain('additional_data');
  });
});
