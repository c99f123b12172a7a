import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN } from '../support/api.js';
import { cliEnv, cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { runCliInPty } from '../support/pty.js';

// keyledger import env: a .env file of the kind the seeds describe becomes
// credentials of the right templates, after a plan and a confirmation.
const ENV_FILE = `# seed-style service settings
PROXMOX_HOST=https://pve1.example.com:8006
PROXMOX_TOKEN_NAME=automation@pve!ci
PROXMOX_TOKEN_VALUE=0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e
PROXMOX_VERIFY_SSL=false
CLOUDFLARE_API_TOKEN=abcdefghijklmnopqrstuvwxyz0123456789ABCD
NAMECHEAP_API_USER=acme
NAMECHEAP_API_KEY=0123456789abcdef0123456789abcdef
NAMECHEAP_CLIENT_IP=203.0.113.7
OPENAI_API_KEY="sk-proj-${'a'.repeat(40)}"
DATABASE_URL=postgres://billing:s3cr%40t-pw@db.internal:5433/billing?sslmode=require
LOG_LEVEL=debug
`;
const SECRETS = [
  '0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e',
  'abcdefghijklmnopqrstuvwxyz0123456789ABCD',
  '0123456789abcdef0123456789abcdef',
  `sk-proj-${'a'.repeat(40)}`,
  's3cr@t-pw',
];

let api: HttpTestApi;
let cli: Cli;
let file: string;
beforeAll(async () => {
  api = await startHttpTestApi('import_env');
  cli = cliFor(api.url, ADMIN_TOKEN);
  file = join(mkdtempSync(join(tmpdir(), 'kl-env-')), '.env');
  writeFileSync(file, ENV_FILE);
});
afterAll(() => api.close());

const credentials = async () =>
  (await api.request('GET', '/v1/credentials?limit=200')).json().credentials as { id: string; name: string; type: string }[];
const reveal = async (id: string) => (await api.request('POST', `/v1/credentials/${id}/reveal`)).json();

it('shows the plan with secrets masked and writes nothing on --dry-run', async () => {
  const result = await cli(['import', 'env', file, '--dry-run']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('Plan: 5 credential(s)');
  expect(result.stdout).toMatch(
    /PROXMOX_HOST PROXMOX_TOKEN_VALUE PROXMOX_TOKEN_NAME PROXMOX_VERIFY_SSL\s+proxmox\s+proxmox\s+pve1\.example\.com\s+automation/,
  );
  expect(result.stdout).toMatch(/DATABASE_URL\s+database\s+postgres\s+db\.internal\s+billing/);
  expect(result.stdout).toContain('skipped LOG_LEVEL: not a known credential: --map VAR=TYPE imports it');
  for (const secret of SECRETS) expect(result.stdout + result.stderr).not.toContain(secret);
  expect(await credentials()).toEqual([]);
});

it('does not import when the answer is not yes', async () => {
  const result = await cli(['import', 'env', file], { stdin: 'n\n' });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Import 5 credential(s)? [y/N]');
  expect(result.stderr).toContain('keyledger: nothing imported');
  expect(await credentials()).toEqual([]);
});

it('imports on confirmation at the terminal, into the right templates with the right fields', async () => {
  const term = runCliInPty(['import', 'env', file, '--prefix', 'lab-'], cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN }));
  await term.waitFor('Import 5 credential(s)? [y/N] ');
  term.type('y\r');
  expect(await term.exit()).toBe(0);
  expect(term.output()).toContain('5 created, 0 rotated, 0 unchanged, 0 changed, 0 failed');
  const byName = Object.fromEntries((await credentials()).map((c) => [c.name, c]));
  expect(Object.keys(byName).sort()).toEqual(['lab-cloudflare', 'lab-database', 'lab-namecheap', 'lab-openai', 'lab-proxmox']);
  expect(await reveal(byName['lab-proxmox']!.id)).toMatchObject({
    type: 'proxmox',
    username: 'automation',
    host: 'pve1.example.com',
    secret: '0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e',
    extra: { port: 8006, realm: 'pve', auth_method: 'api_token', token_name: 'ci', verify_tls: false },
  });
  expect(await reveal(byName['lab-database']!.id)).toMatchObject({
    type: 'postgres',
    username: 'billing',
    secret: 's3cr@t-pw',
    extra: { port: 5433, database: 'billing', sslmode: 'require' },
  });
  expect(await reveal(byName['lab-namecheap']!.id)).toMatchObject({ username: 'acme', extra: { client_ip: '203.0.113.7' } });
  const shown = (await api.request('GET', `/v1/credentials/${byName['lab-openai']!.id}`)).json();
  expect(shown.description).toBe('imported from .env (OPENAI_API_KEY)');
});

it('is idempotent on rerun: the same entries are recognised, nothing is created twice', async () => {
  const again = await cli(['import', 'env', file, '--prefix', 'lab-', '--yes', '--json']);
  expect(again.code).toBe(0);
  const { results, plan } = JSON.parse(again.stdout);
  expect(results.map((r: { result: string }) => r.result)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
  expect(JSON.stringify(plan)).not.toContain(SECRETS[3]);
  expect(await credentials()).toHaveLength(5);
});

it('imports a variable it does not know with --map, and reports entries the API refuses', async () => {
  const other = join(mkdtempSync(join(tmpdir(), 'kl-env-')), 'extra.env');
  writeFileSync(other, 'STRIPE_SECRET_KEY=sk_live_0123456789abcdef\nCLOUDFLARE_API_TOKEN=too-short\n');
  const result = await cli(['import', 'env', other, '--map', 'STRIPE_SECRET_KEY=api_key', '--yes']);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/STRIPE_SECRET_KEY\s+stripe-secret-key\s+created/);
  expect(result.stdout).toMatch(/CLOUDFLARE_API_TOKEN\s+cloudflare\s+failed\s+-\s+.*secret: must be 40 characters/);
  expect(result.stdout + result.stderr).not.toContain('too-short');
  expect(result.stderr).toContain('1 created, 0 rotated, 0 unchanged, 0 changed, 1 failed');
});

it('checks every entry against its template on --dry-run, names what would fail, and writes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-env-'));
  const mixed = join(dir, 'mixed.env');
  writeFileSync(mixed, 'CLOUDFLARE_API_TOKEN=too-short\nOPENAI_API_KEY=sk-short\nANTHROPIC_API_KEY=sk-ant-api03-' + 'b'.repeat(90) + '\n');
  const before = await credentials();
  const result = await cli(['import', 'env', mixed, '--prefix', 'dry-', '--dry-run']);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('Would fail: 2 of 3');
  expect(result.stdout).toMatch(/CLOUDFLARE_API_TOKEN\s+dry-cloudflare\s+secret: must be 40 characters/);
  expect(result.stdout).toMatch(/OPENAI_API_KEY\s+dry-openai\s+secret: /);
  expect(result.stdout).not.toMatch(/ANTHROPIC_API_KEY\s+dry-anthropic\s+secret/);
  expect(result.stderr).toContain('dry run: 2 of 3 would fail; nothing written');
  expect(result.stdout + result.stderr).not.toContain('too-short');
  expect(result.stdout + result.stderr).not.toContain('sk-short');
  // The real import refuses exactly those two.
  const real = JSON.parse((await cli(['import', 'env', mixed, '--prefix', 'dry-', '--yes', '--json'])).stdout);
  expect(real.results.map((r: { name: string; result: string }) => [r.name, r.result])).toEqual([
    ['dry-cloudflare', 'failed'],
    ['dry-openai', 'failed'],
    ['dry-anthropic', 'created'],
  ]);
  expect(await credentials()).toHaveLength(before.length + 1);
  const valid = await cli(['import', 'env', file, '--prefix', 'lab-', '--dry-run', '--json']);
  expect(valid.code).toBe(0);
  expect(JSON.parse(valid.stdout).problems).toEqual([]);
});

it('says a changed value is changed (exit 4, nothing written); --update rotates it and counts created, rotated, unchanged', async () => {
  const changedFile = join(mkdtempSync(join(tmpdir(), 'kl-env-')), '.env');
  const newKey = `sk-proj-${'c'.repeat(40)}`;
  writeFileSync(changedFile, ENV_FILE.replace(`sk-proj-${'a'.repeat(40)}`, newKey) + 'HF_TOKEN=hf_' + 'd'.repeat(34) + '\n');
  const openai = (await credentials()).find((c) => c.name === 'lab-openai')!;
  const refused = await cli(['import', 'env', changedFile, '--prefix', 'lab-', '--yes']);
  expect(refused.code).toBe(4);
  expect(refused.stdout).toMatch(/OPENAI_API_KEY\s+lab-openai\s+changed\s+\S+\s+the stored secret differs: --update rotates it/);
  expect(refused.stderr).toContain('1 created, 0 rotated, 4 unchanged, 1 changed, 0 failed');
  expect(refused.stderr).toContain('1 credential(s) hold another secret than the file: nothing written to them; --update rotates them');
  expect(refused.stdout + refused.stderr).not.toContain(newKey);
  expect((await reveal(openai.id)).secret).toBe(SECRETS[3]);
  const updated = await cli(['import', 'env', changedFile, '--prefix', 'lab-', '--yes', '--update']);
  expect(updated.code).toBe(0);
  expect(updated.stdout).toMatch(/OPENAI_API_KEY\s+lab-openai\s+rotated\s+/);
  expect(updated.stderr).toContain('0 created, 1 rotated, 5 unchanged, 0 changed, 0 failed');
  expect(await reveal(openai.id)).toMatchObject({ secret: newKey, secretVersion: 2 });
  const rerun = await cli(['import', 'env', changedFile, '--prefix', 'lab-', '--yes']);
  expect(rerun).toMatchObject({ code: 0 });
  expect(rerun.stderr).toContain('0 created, 0 rotated, 6 unchanged, 0 changed, 0 failed');
});

it('refuses a malformed file with the line number, never the value', async () => {
  const bad = join(mkdtempSync(join(tmpdir(), 'kl-env-')), 'bad.env');
  writeFileSync(bad, 'A=1\nthis is sk-not-shown\n');
  const result = await cli(['import', 'env', bad]);
  expect(result).toMatchObject({ code: 2, stderr: `keyledger: ${bad}: line 2: expected NAME=value\n` });
});
