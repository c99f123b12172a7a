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

// keyledger import glassdome: Glassdome's credentials table in a scratch
// database, each encrypted_data a Fernet token (the fernet package) over the
// JSON object of the service's fields, config beside it in plain jsonb.
const KEY = fernetKey(21);
const OTHER_KEY = fernetKey(22);
const SECRETS = {
  proxmox: '0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e',
  azure: 'azure-client-secret-value~0123456789',
  openai: 'sk-proj-glassdomeimport0123456789abcdefghij',
  aws: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const OWNER = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

let api: HttpTestApi;
let old: ScratchDatabase;
let cli: Cli;
const write = scratchFiles('kl-glassdome-');
let keyFile: string;

beforeAll(async () => {
  api = await startHttpTestApi('import_glassdome');
  cli = cliFor(api.url, ADMIN_TOKEN);
  old = await createScratchDatabase('import_glassdome_old');
  keyFile = write('glassdome.key', KEY);
  await old.client.query(`create table credentials (
    id uuid primary key, user_id uuid, name varchar(255) not null, service_type varchar(50) not null,
    encrypted_data text not null, encryption_key_id uuid not null, config jsonb, status varchar(20) default 'active',
    last_tested_at timestamp, last_test_status boolean, created_at timestamp default now(), updated_at timestamp default now(),
    expires_at timestamp, unique (user_id, name))`);
  const insert = (n: number, name: string, service: string, data: string, config: object, expiresAt: string | null = null) =>
    old.client.query(
      'insert into credentials (id, user_id, name, service_type, encrypted_data, encryption_key_id, config, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8)',
      [id(n), OWNER, name, service, data, id(9), JSON.stringify(config), expiresAt],
    );
  const sealed = (fields: object, key = KEY) => fernetSeal(JSON.stringify(fields), key);
  await insert(1, 'Proxmox Production', 'proxmox', sealed({ token_value: SECRETS.proxmox, password: 'a-stale-password' }), {
    host: '192.168.1.100',
    user: 'automation@pve',
    auth_method: 'api_token',
    token_name: 'glassdome-token',
  });
  await insert(
    2,
    'Azure Production',
    'azure',
    sealed({ client_id: '11111111-2222-4333-8444-555555555555', client_secret: SECRETS.azure }),
    {
      subscription_id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      tenant_id: '66666666-7777-4888-8999-000000000000',
    },
  );
  await insert(3, 'OpenAI GPT-4', 'openai', sealed({ api_key: SECRETS.openai }), { model: 'gpt-4-turbo' }, '2031-01-01 00:00:00');
  await insert(4, 'AWS Development', 'aws', sealed({ access_key_id: 'AKIAIOSFODNN7EXAMPLE', secret_access_key: SECRETS.aws }), {
    region: 'eu-west-1',
    account: 'dev-account',
  });
  await insert(5, 'Old OpenAI', 'openai', sealed({ api_key: 'sk-proj-expired' }), {}, '2020-01-01 00:00:00');
  await insert(6, 'LangChain', 'langchain', sealed({ api_key: 'lc' }), {});
  await insert(7, 'Changed', 'anthropic', tamperFernet(sealed({ api_key: 'sk-ant-tampered' })), {});
  await insert(8, 'Other Key', 'anthropic', sealed({ api_key: 'sk-ant-other' }, OTHER_KEY), {});
});
afterAll(async () => {
  await old?.drop();
  await api?.close();
});

const fromDatabase = (...more: string[]) => ['import', 'glassdome', '--from-database', old.url, '--key-file', keyFile, ...more];

it('imports each service through its seed names, and fails only the tampered and the wrongly keyed row', async () => {
  const before = await old.digest('credentials');
  const result = await cli(fromDatabase('--yes'));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('4 created, 0 rotated, 0 unchanged, 0 changed, 2 failed');
  const hmac = 'encrypted_data: Fernet token failed its HMAC check: wrong key, or the token was altered';
  expect(result.stdout).toContain(`failed credentials #${id(7)} (Changed): ${hmac}`);
  expect(result.stdout).toContain(`failed credentials #${id(8)} (Other Key): ${hmac}`);
  expect(result.stdout).toContain(`skipped credentials #${id(5)} (Old OpenAI): expired on 2020-01-01T00:00:00.000Z`);
  expect(result.stdout).toContain(`skipped credentials #${id(6)} (LangChain): service type langchain has no Keyledger template`);
  for (const secret of [...Object.values(SECRETS), 'a-stale-password']) expect(result.stdout + result.stderr).not.toContain(secret);

  expect(await revealNamed(api, 'Proxmox Production')).toBe(SECRETS.proxmox);
  expect(await credentialNamed(api, 'Proxmox Production')).toMatchObject({
    type: 'proxmox',
    host: '192.168.1.100',
    username: 'automation@pve',
    extra: { auth_method: 'api_token', token_name: 'glassdome-token' },
    description: `imported from Glassdome (credentials #${id(1)}, user ${OWNER})`,
  });
  expect(await revealNamed(api, 'Azure Production')).toBe(SECRETS.azure);
  expect(await credentialNamed(api, 'Azure Production')).toMatchObject({
    type: 'azure',
    username: '11111111-2222-4333-8444-555555555555',
    extra: { subscription_id: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', tenant_id: '66666666-7777-4888-8999-000000000000' },
  });
  expect(await revealNamed(api, 'OpenAI GPT-4')).toBe(SECRETS.openai);
  expect(await credentialNamed(api, 'OpenAI GPT-4')).toMatchObject({
    type: 'openai',
    extra: { model: 'gpt-4-turbo' },
    expiresAt: '2031-01-01T00:00:00.000Z',
  });
  expect(await revealNamed(api, 'AWS Development')).toBe(SECRETS.aws);
  expect(await credentialNamed(api, 'AWS Development')).toMatchObject({
    type: 'aws',
    username: 'AKIAIOSFODNN7EXAMPLE',
    extra: { region: 'eu-west-1', additional_data: { account: 'dev-account' } },
  });
  expect(await old.digest('credentials')).toBe(before);
});

it('imports nothing new on a rerun, and a dump plans the same rows', async () => {
  const again = await cli(fromDatabase('--yes'));
  expect(again.stderr).toContain('0 created, 0 rotated, 4 unchanged, 0 changed, 2 failed');
  const dump = await old.client.query<{ row: string }>('select row_to_json(t)::text as row from credentials t');
  const file = write('credentials.jsonl', dump.rows.map((r) => r.row).join('\n'));
  const fromFile = await cli(['--json', 'import', 'glassdome', '--from-file', file, '--key-file', keyFile, '--dry-run']);
  const fromDb = await cli(['--json', ...fromDatabase('--dry-run')]);
  expect(JSON.parse(fromFile.stdout).plan).toEqual(JSON.parse(fromDb.stdout).plan);
});
