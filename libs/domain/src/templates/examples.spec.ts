import { TEMPLATE_TYPES } from './catalogue.js';
import { normalizeCredentialInput } from './normalize.js';
import type { CredentialInput } from './types.js';
import { validateCredentialInput } from './validate.js';

const SSH_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');
const GCP_KEY = JSON.stringify(
  { type: 'service_account', project_id: 'acme-prod-123', private_key_id: 'abc', client_email: 'ci@acme-prod-123.iam.gserviceaccount.com' },
  null,
  2,
);
const KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://k8s.example.com:6443\n';

/** One realistic request per type (and per branch of a choice), as a user of that service would fill it in. */
const GOOD_EXAMPLES: [string, CredentialInput][] = [
  ['ssh (key)', { type: 'ssh', name: 'ssh/bastion', host: 'bastion.example.com', username: 'deploy', secret: SSH_KEY }],
  [
    'ssh (password)',
    {
      type: 'ssh',
      name: 'ssh/nas',
      host: '10.0.0.5',
      username: 'admin',
      secret: 'hunter2!',
      extra: { auth_method: 'password', port: '2222' },
    },
  ],
  [
    'http_basic',
    { type: 'http_basic', name: 'registry', username: 'ci', secret: 'pa55word', extra: { url: 'https://registry.example.com/v2/' } },
  ],
  [
    'bearer_token',
    { type: 'bearer_token', name: 'grafana', secret: 'glsa_0123456789abcdef', extra: { url: 'https://grafana.example.com/api/health' } },
  ],
  [
    'db_dsn',
    { type: 'db_dsn', name: 'legacy-dsn', secret: 'postgres://app:s3cret@db.example.com:5432/app?sslmode=require', host: 'db.example.com' },
  ],
  [
    'api_key',
    {
      type: 'api_key',
      name: 'sendgrid',
      secret: 'SG.abcdefgh.ijklmnop',
      extra: { base_url: 'https://api.sendgrid.com', header: 'Authorization' },
    },
  ],
  [
    'custom',
    {
      type: 'custom',
      name: 'vendor/x',
      secret: 'anything\nmultiline',
      extra: { region: 'eu', retries: 3, endpoints: ['a', 'b'], tls: { verify: true } },
    },
  ],
  [
    'postgres',
    {
      type: 'postgres',
      name: 'db/main',
      host: 'db.internal',
      username: 'app',
      secret: 'pg-pass',
      extra: { database: 'app', sslmode: 'verify-full' },
    },
  ],
  [
    'mysql',
    {
      type: 'mysql',
      name: 'db/shop',
      host: 'mysql.internal',
      username: 'shop',
      secret: 'my-pass',
      extra: { database: 'shop', ssl_mode: 'REQUIRED' },
    },
  ],
  ['redis', { type: 'redis', name: 'cache', host: 'redis.internal', secret: 'redis-pass', extra: { db: 2, tls: true } }],
  [
    'proxmox (api_token)',
    {
      type: 'proxmox',
      name: 'pve/cluster',
      host: 'pve1.example.com',
      username: 'automation',
      secret: '3f1c2a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f',
      extra: { token_name: 'terraform' },
    },
  ],
  [
    'proxmox (password)',
    {
      type: 'proxmox',
      name: 'pve/root',
      host: '192.168.1.10',
      username: 'root',
      secret: 'Pve-Root-Pass',
      extra: { auth_method: 'password', realm: 'pam', verify_tls: false },
    },
  ],
  [
    'azure',
    {
      type: 'azure',
      name: 'azure/sp-ci',
      username: '11111111-2222-3333-4444-555555555555',
      secret: 'Abc8Q~abcdefghijklmnopqrstuvwxyz0123456',
      extra: { tenant_id: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', subscription_id: '99999999-8888-7777-6666-555555555555' },
    },
  ],
  [
    'aws',
    {
      type: 'aws',
      name: 'aws/ci',
      username: 'AKIAIOSFODNN7EXAMPLE',
      secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      extra: { region: 'eu-west-1', role_arn: 'arn:aws:iam::123456789012:role/deploy' },
    },
  ],
  [
    'gcp',
    {
      type: 'gcp',
      name: 'gcp/ci',
      username: 'ci@acme-prod-123.iam.gserviceaccount.com',
      secret: GCP_KEY,
      extra: { project_id: 'acme-prod-123' },
    },
  ],
  [
    'openai',
    {
      type: 'openai',
      name: 'openai/prod',
      secret: 'sk-proj-abcdefghijklmnopqrstuvwxyz012345',
      extra: { organization: 'org-abc123' },
      purpose: 'llm',
    },
  ],
  ['anthropic', { type: 'anthropic', name: 'anthropic/prod', secret: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz', purpose: 'llm' }],
  ['huggingface', { type: 'huggingface', name: 'hf/read', secret: 'hf_abcdefghijklmnopqrstuvwxyzABCDEF', username: 'acme' }],
  [
    'cloudflare (api_token)',
    {
      type: 'cloudflare',
      name: 'cf/dns',
      secret: 'abcdefghijklmnopqrstuvwxyz0123456789_-AB',
      extra: { zone_id: '0123456789abcdef0123456789abcdef' },
    },
  ],
  [
    'cloudflare (global_api_key)',
    {
      type: 'cloudflare',
      name: 'cf/legacy',
      username: 'ops@example.com',
      secret: '0123456789abcdef0123456789abcdef01234',
      extra: { auth_method: 'global_api_key' },
    },
  ],
  [
    'namecheap',
    {
      type: 'namecheap',
      name: 'namecheap',
      username: 'acme',
      secret: '0123456789abcdef0123456789abcdef',
      extra: { client_ip: '203.0.113.7' },
    },
  ],
  [
    'kubernetes (token)',
    {
      type: 'kubernetes',
      name: 'k8s/prod',
      secret: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln',
      extra: { server: 'https://k8s.example.com:6443', namespace: 'apps' },
    },
  ],
  [
    'kubernetes (kubeconfig)',
    { type: 'kubernetes', name: 'k8s/dev', secret: KUBECONFIG, extra: { auth_method: 'kubeconfig', context: 'dev' } },
  ],
  [
    'winrm',
    {
      type: 'winrm',
      name: 'win/app01',
      host: 'app01.corp.example.com',
      username: 'CORP\\svc-deploy',
      secret: 'W1nRM-pass',
      extra: { transport: 'kerberos' },
    },
  ],
  [
    'rdp',
    {
      type: 'rdp',
      name: 'rdp/jump',
      host: 'jump.corp.example.com',
      username: 'ops',
      secret: 'Rdp-Pass-1',
      extra: { domain: 'CORP', gateway_host: 'rdgw.example.com' },
    },
  ],
  ['github', { type: 'github', name: 'github/ci', secret: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz' }],
];

describe('realistic examples', () => {
  it('cover every template type', () => {
    const covered = new Set(GOOD_EXAMPLES.map(([, input]) => input.type));
    expect([...TEMPLATE_TYPES].filter((type) => !covered.has(type))).toEqual([]);
  });

  it.each(GOOD_EXAMPLES)('%s validates with no issue, on create and update', (_label, input) => {
    expect(validateCredentialInput(input, { mode: 'create' })).toEqual([]);
    expect(validateCredentialInput(input, { mode: 'update' })).toEqual([]);
  });

  it.each(GOOD_EXAMPLES)('%s still validates once normalised (normalising is stable)', (_label, input) => {
    const { credentialType, metadata, secret } = normalizeCredentialInput(input);
    const again: CredentialInput = { ...metadata, type: credentialType, secret };
    expect(validateCredentialInput(again, { mode: 'create' })).toEqual([]);
    expect(normalizeCredentialInput(again).metadata).toEqual(metadata);
  });
});
