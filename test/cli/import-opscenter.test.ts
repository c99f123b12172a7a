import { ADMIN_TOKEN } from '../support/api.js';
import { cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import {
  createScratchDatabase,
  credentialNamed,
  fernetKey,
  fernetSeal,
  revealNamed,
  scratchFiles,
  tamperFernet,
  type ScratchDatabase,
} from '../support/old-store.js';

// keyledger import opscenter: Ops-Center's three Fernet-encrypted tables in
// a scratch database (the fernet package as the reference implementation):
// system service credentials, per-user credentials and per-user provider keys.
const KEY = fernetKey(41);
const OTHER_KEY = fernetKey(42);
const SECRETS = {
  cloudflare: 'cloudflareApiToken0123456789abcdefghijkl',
  stripe: 'sk_live_opscenter0123456789',
  userOpenai: 'sk-proj-aliceservicekey0123456789abcdef',
  byokOpenai: 'sk-proj-alicebyokkey0123456789abcdefghij',
  anthropic: 'sk-ant-api03-bobbyokkey0123456789abcdef',
  huggingface: 'hf_carolbyokkey0123456789abcdefghij',
};

let api: HttpTestApi;
let old: ScratchDatabase;
let cli: Cli;
const write = scratchFiles('kl-opscenter-');
let keyFile: string;
const TABLES = ['encrypted_credentials', 'service_credentials', 'user_provider_keys'];

beforeAll(async () => {
  api = await startHttpTestApi('import_opscenter');
  cli = cliFor(api.url, ADMIN_TOKEN);
  old = await createScratchDatabase('import_opscenter_old');
  keyFile = write('encryption.key', `${KEY}\n`);
  await old.client.query(`
    create table encrypted_credentials (
      id serial primary key, user_id varchar(255) not null, service varchar(100) not null, credential_type varchar(100) not null,
      encrypted_value text not null, encrypted_at timestamp not null, created_at timestamp default current_timestamp,
      updated_at timestamp default current_timestamp, metadata text, unique (user_id, service, credential_type));
    create table service_credentials (
      id serial primary key, user_id varchar(255), service varchar(100) not null, credential_type varchar(100) not null,
      encrypted_value text not null, is_system_level boolean default false, created_at timestamp default current_timestamp,
      updated_at timestamp default current_timestamp, last_used timestamp, test_status varchar(50));
    create table user_provider_keys (
      id serial primary key, user_id varchar(255) not null, provider varchar(100) not null, encrypted_key text not null,
      enabled boolean default true, metadata jsonb, created_at timestamp default current_timestamp, updated_at timestamp default current_timestamp);`);
  const service = (user: string | null, name: string, type: string, value: string, system: boolean) =>
    old.client.query(
      'insert into service_credentials (user_id, service, credential_type, encrypted_value, is_system_level) values ($1, $2, $3, $4, $5)',
      [user, name, type, value, system],
    );
  await service(null, 'cloudflare', 'api_token', fernetSeal(SECRETS.cloudflare, KEY), true);
  await service(null, 'stripe', 'secret_key', fernetSeal(SECRETS.stripe, KEY), true);
  await service('alice', 'cloudflare', 'api_token', tamperFernet(fernetSeal('tampered-cloudflare-token', KEY)), false);
  const user = (id: string, name: string, type: string, value: string) =>
    old.client.query(
      'insert into encrypted_credentials (user_id, service, credential_type, encrypted_value, encrypted_at, metadata) values ($1, $2, $3, $4, now(), $5)',
      [id, name, type, value, JSON.stringify({ service: name })],
    );
  await user('alice', 'openai', 'api_key', fernetSeal(SECRETS.userOpenai, KEY));
  await user('bob', 'openai', 'api_key', fernetSeal('bob-other-key', OTHER_KEY));
  const byok = (id: string, provider: string, value: string, metadata: object, enabled = true) =>
    old.client.query('insert into user_provider_keys (user_id, provider, encrypted_key, enabled, metadata) values ($1, $2, $3, $4, $5)', [
      id,
      provider,
      value,
      enabled,
      JSON.stringify(metadata),
    ]);
  await byok('alice', 'openai', fernetSeal(SECRETS.byokOpenai, KEY), { label: 'Personal OpenAI', endpoint: 'https://api.openai.com/v1' });
  await byok('bob', 'anthropic', fernetSeal(SECRETS.anthropic, KEY), {});
  await byok('bob', 'cohere', fernetSeal('cohere-disabled', KEY), {}, false);
  await byok('carol', 'huggingface', fernetSeal(SECRETS.huggingface, KEY), { endpoint: 'https://hf.internal/models' });
});
afterAll(async () => {
  await old?.drop();
  await api?.close();
});

const fromDatabase = (...more: string[]) => ['import', 'opscenter', '--from-database', old.url, '--key-file', keyFile, ...more];
const digests = () => Promise.all(TABLES.map((table) => old.digest(table)));

it('imports system credentials and per-user keys apart, failing only the tampered and the wrongly keyed row', async () => {
  const before = await digests();
  const result = await cli(fromDatabase('--yes'));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('6 created, 0 rotated, 0 unchanged, 0 changed, 2 failed');
  const hmac = 'the secret: Fernet token failed its HMAC check: wrong key, or the token was altered';
  expect(result.stdout).toContain(`failed service_credentials #3 (cloudflare api_token, user alice): ${hmac}`);
  expect(result.stdout).toContain(`failed encrypted_credentials #2 (openai api_key, user bob): ${hmac}`);
  expect(result.stdout).toContain('skipped user_provider_keys #3 (cohere, user bob): disabled in Ops-Center');
  for (const secret of Object.values(SECRETS)) expect(result.stdout + result.stderr).not.toContain(secret);

  expect(await revealNamed(api, 'cloudflare api_token')).toBe(SECRETS.cloudflare);
  expect(await credentialNamed(api, 'cloudflare api_token')).toMatchObject({
    type: 'cloudflare',
    labels: [],
    extra: { auth_method: 'api_token' },
    description: 'imported from Ops-Center (service_credentials #1, system)',
  });
  expect(await revealNamed(api, 'stripe secret_key')).toBe(SECRETS.stripe);
  expect(await credentialNamed(api, 'stripe secret_key')).toMatchObject({ type: 'api_key', labels: [], extra: { provider: 'stripe' } });
  expect(await revealNamed(api, 'openai api_key (alice)')).toBe(SECRETS.userOpenai);
  const userKey = await credentialNamed(api, 'openai api_key (alice)');
  expect(userKey).toMatchObject({ type: 'openai', labels: ['user:alice'] });
  expect(userKey!.extra.additional_data).toBeUndefined();
  expect(await revealNamed(api, 'Personal OpenAI (alice)')).toBe(SECRETS.byokOpenai);
  expect(await credentialNamed(api, 'Personal OpenAI (alice)')).toMatchObject({
    type: 'openai',
    labels: ['user:alice'],
    extra: { base_url: 'https://api.openai.com/v1' },
    description: 'imported from Ops-Center (user_provider_keys #1, user alice)',
  });
  expect(await revealNamed(api, 'anthropic (bob)')).toBe(SECRETS.anthropic);
  expect(await revealNamed(api, 'huggingface (carol)')).toBe(SECRETS.huggingface);
  expect(await credentialNamed(api, 'huggingface (carol)')).toMatchObject({
    type: 'huggingface',
    labels: ['user:carol'],
    extra: { endpoint: 'https://hf.internal/models' },
  });
  expect(await credentialNamed(api, 'cohere (bob)')).toBeUndefined();
  expect(await digests()).toEqual(before);
});

it('imports nothing new on a rerun, from the database or from dumps of the tables', async () => {
  const again = await cli(fromDatabase('--yes'));
  expect(again.stderr).toContain('0 created, 0 rotated, 6 unchanged, 0 changed, 2 failed');
  const files = await Promise.all(
    TABLES.map(async (table) => {
      const dump = await old.client.query<{ row: string }>(`select row_to_json(t)::text as row from ${table} t`);
      return ['--from-file', `${table}=${write(`${table}.jsonl`, dump.rows.map((r) => r.row).join('\n'))}`];
    }),
  );
  const fromFiles = await cli(['import', 'opscenter', ...files.flat(), '--key-file', keyFile, '--yes']);
  expect(fromFiles.stderr).toContain('0 created, 0 rotated, 6 unchanged, 0 changed, 2 failed');
});

it('reads only the tables it is given, and refuses a dump without its table name', async () => {
  const dump = await old.client.query<{ row: string }>('select row_to_json(t)::text as row from user_provider_keys t');
  const file = write('keys.jsonl', dump.rows.map((r) => r.row).join('\n'));
  const one = await cli(['import', 'opscenter', '--from-file', `user_provider_keys=${file}`, '--key-file', keyFile, '--yes']);
  expect(one.code).toBe(0);
  expect(one.stderr).toContain('0 created, 0 rotated, 3 unchanged, 0 changed, 0 failed');
  const unnamed = await cli(['import', 'opscenter', '--from-file', file, '--key-file', keyFile, '--yes']);
  expect(unnamed.code).toBe(2);
  expect(unnamed.stderr).toContain('--from-file expects TABLE=PATH');
});
