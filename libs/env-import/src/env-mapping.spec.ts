import { parseDotenv } from './dotenv.js';
import { planEnvImport } from './env-mapping.js';

const SAMPLE = `
PROXMOX_HOST=https://pve1.example.com:8006
PROXMOX_TOKEN_NAME=automation@pve!ci
PROXMOX_TOKEN_VALUE=0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e
PROXMOX_VERIFY_SSL=false
CLOUDFLARE_API_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789ABCD
CLOUDFLARE_ZONE_ID=0123456789abcdef0123456789abcdef
NAMECHEAP_API_USER=acme
NAMECHEAP_API_KEY=0123456789abcdef0123456789abcdef
NAMECHEAP_CLIENT_IP=203.0.113.7
OPENAI_API_KEY=sk-proj-aaaaaaaaaaaaaaaaaaaaaaaa
DATABASE_URL=postgres://app:s3cr%40t@db.internal:5433/billing?sslmode=require
CACHE_REDIS_URL=rediss://:hunter2@cache.internal:6380/2
ANALYTICS_DB_URL=postgres://reader:pw@warehouse/db?application_name=x
LOG_LEVEL=debug
STRIPE_SECRET_KEY=sk_live_123
`;

const plan = (maps: [string, string][] = [], prefix = '') => planEnvImport(parseDotenv(SAMPLE), { maps, prefix, file: '.env' });

it('turns the seed variables into credentials of the right templates', () => {
  const byName = Object.fromEntries(plan().entries.map((e) => [e.body.name, e]));
  expect(byName.proxmox!.body).toEqual({
    name: 'proxmox',
    type: 'proxmox',
    host: 'pve1.example.com',
    username: 'automation',
    extra: { port: 8006, realm: 'pve', auth_method: 'api_token', token_name: 'ci', verify_tls: false },
    secret: '0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e',
    description: 'imported from .env (PROXMOX_HOST, PROXMOX_TOKEN_VALUE, PROXMOX_TOKEN_NAME, PROXMOX_VERIFY_SSL)',
  });
  expect(byName.cloudflare!.body).toMatchObject({
    type: 'cloudflare',
    extra: { auth_method: 'api_token', zone_id: '0123456789abcdef0123456789abcdef' },
  });
  expect(byName.namecheap!.body).toMatchObject({ type: 'namecheap', username: 'acme', extra: { client_ip: '203.0.113.7' } });
  expect(byName.openai!.body).toMatchObject({ type: 'openai', secret: 'sk-proj-aaaaaaaaaaaaaaaaaaaaaaaa' });
  expect(byName.database!.body).toMatchObject({
    type: 'postgres',
    host: 'db.internal',
    username: 'app',
    secret: 's3cr@t',
    extra: { port: 5433, database: 'billing', sslmode: 'require' },
  });
  expect(byName['cache-redis']!.body).toMatchObject({
    type: 'redis',
    host: 'cache.internal',
    secret: 'hunter2',
    extra: { port: 6380, db: 2, tls: true },
  });
  expect(byName['analytics-db']!.body).toMatchObject({
    type: 'db_dsn',
    extra: { driver: 'postgres' },
    secret: 'postgres://reader:pw@warehouse/db?application_name=x',
  });
});

it('skips what it does not know, by name only, and imports it when mapped to a type', () => {
  expect(plan().skipped).toEqual([
    { source: 'LOG_LEVEL', reason: 'not a known credential', mappable: true },
    { source: 'STRIPE_SECRET_KEY', reason: 'not a known credential', mappable: true },
  ]);
  const mapped = plan(
    [
      ['STRIPE_SECRET_KEY', 'api_key'],
      ['OPENAI_API_KEY', '-'],
    ],
    'prod-',
  );
  expect(mapped.entries.find((e) => e.source === 'STRIPE_SECRET_KEY')!.body).toMatchObject({
    name: 'prod-stripe-secret-key',
    type: 'api_key',
    secret: 'sk_live_123',
  });
  expect(mapped.entries.some((e) => e.body.type === 'openai')).toBe(false);
  expect(mapped.skipped).toContainEqual({ source: 'OPENAI_API_KEY', reason: 'left out by --map' });
  expect(mapped.entries.every((e) => e.body.name.startsWith('prod-'))).toBe(true);
});

it('assumes root@pam for a Proxmox token without a user, and says so', () => {
  const { entries } = planEnvImport(parseDotenv('PROXMOX_HOST=pve\nPROXMOX_TOKEN_NAME=ci\nPROXMOX_TOKEN_VALUE=x'), {
    maps: [],
    prefix: '',
    file: 'f',
  });
  expect(entries[0]!.body).toMatchObject({ username: 'root', extra: { realm: 'pam', token_name: 'ci' } });
  expect(entries[0]!.notes).toEqual(['user root@pam assumed']);
});

it('skips database URLs without a password', () => {
  const { entries, skipped } = planEnvImport(parseDotenv('REDIS_URL=redis://localhost:6379'), { maps: [], prefix: '', file: 'f' });
  expect(entries).toEqual([]);
  expect(skipped).toEqual([{ source: 'REDIS_URL', reason: 'no password in the URL: nothing secret to keep' }]);
});

it('maps AWS and Azure pairs, leaving a session token out', () => {
  const text =
    'AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP\nAWS_SECRET_ACCESS_KEY=s\nAWS_SESSION_TOKEN=t\nAWS_REGION=eu-west-1\nAZURE_CLIENT_ID=c\nAZURE_TENANT_ID=t\nAZURE_CLIENT_SECRET=s2';
  const { entries } = planEnvImport(parseDotenv(text), { maps: [], prefix: '', file: 'f' });
  expect(entries.map((e) => [e.body.type, e.body.username, e.body.extra])).toEqual([
    ['aws', 'AKIAABCDEFGHIJKLMNOP', { region: 'eu-west-1' }],
    ['azure', 'c', { tenant_id: 't' }],
  ]);
  expect(entries[0]!.notes).toEqual(['AWS_SESSION_TOKEN left out: temporary keys expire with it']);
});
