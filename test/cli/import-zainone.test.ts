import { ADMIN_TOKEN } from '../support/api.js';
import { cliEnv, cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { runCliInPty } from '../support/pty.js';
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

// keyledger import zainone: ZainOne's credentials table, built in a scratch
// database with the fernet package as the reference Fernet implementation.
const KEY = fernetKey(7);
const OTHER_KEY = fernetKey(8);
const SSH_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
const SECRETS = { db: 'my_secure_password_123', ssh: SSH_KEY, github: 'ghp_zainoneimporttoken0123456789abcdef' };
const id = (n: number) => `550e8400-e29b-41d4-a716-44665544000${n}`;

let api: HttpTestApi;
let old: ScratchDatabase;
let cli: Cli;
const write = scratchFiles('kl-zainone-');
let keyFile: string;

beforeAll(async () => {
  api = await startHttpTestApi('import_zainone');
  cli = cliFor(api.url, ADMIN_TOKEN);
  old = await createScratchDatabase('import_zainone_old');
  keyFile = write('orch-cred.key', `${KEY}\n`);
  await old.client.query(`create table credentials (
    id uuid primary key, name varchar(255) not null, type varchar(50) not null, username varchar(255),
    secret text not null, extra json, is_active boolean default true,
    created_at timestamptz default now(), updated_at timestamptz default now())`);
  const insert = (n: number, name: string, type: string, username: string | null, secret: string, extra: object, active = true) =>
    old.client.query('insert into credentials (id, name, type, username, secret, extra, is_active) values ($1, $2, $3, $4, $5, $6, $7)', [
      id(n),
      name,
      type,
      username,
      secret,
      JSON.stringify(extra),
      active,
    ]);
  await insert(1, 'Production PostgreSQL', 'db_dsn', 'admin', fernetSeal(SECRETS.db, KEY), {
    host: 'db.example.com',
    port: 5432,
    database: 'prod_db',
    driver: 'postgresql',
  });
  await insert(2, 'Production Server SSH', 'ssh', 'ubuntu', fernetSeal(SECRETS.ssh, KEY), {
    host: 'server.example.com',
    port: 22,
    auth_method: 'key',
  });
  await insert(3, 'GitHub API Token', 'bearer_token', null, fernetSeal(SECRETS.github, KEY), { api_url: 'https://api.github.com' });
  await insert(4, 'Old Basic Auth', 'http_basic', 'api_user', fernetSeal('retired', KEY), {}, false);
  await insert(5, 'Changed Key', 'api_key', null, tamperFernet(fernetSeal('sk-tampered-value-000', KEY)), { provider: 'openai' });
  await insert(6, 'Other Key', 'custom', 'svc', fernetSeal('under-another-key', OTHER_KEY), { endpoint: 'https://custom.example.com' });
  await insert(7, 'Kerberos', 'kerberos', 'k', fernetSeal('x', KEY), {});
});
afterAll(async () => {
  await old?.drop();
  await api?.close();
});

const fromDatabase = (...more: string[]) => ['import', 'zainone', '--from-database', old.url, '--key-file', keyFile, ...more];

it('imports every readable row, fails only the tampered and the wrongly keyed one, and leaves the old table as it was', async () => {
  const before = await old.digest('credentials');
  const result = await cli(fromDatabase('--yes'));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('3 created, 0 rotated, 0 unchanged, 0 changed, 2 failed');
  const hmac = 'the secret: Fernet token failed its HMAC check: wrong key, or the token was altered';
  expect(result.stdout).toContain(`failed credentials #${id(5)} (Changed Key): ${hmac}`);
  expect(result.stdout).toContain(`failed credentials #${id(6)} (Other Key): ${hmac}`);
  expect(result.stdout).toContain(`skipped credentials #${id(4)} (Old Basic Auth): inactive in ZainOne (is_active false)`);
  expect(result.stdout).toContain(`skipped credentials #${id(7)} (Kerberos): type kerberos has no Keyledger template`);
  for (const secret of [...Object.values(SECRETS), 'under-another-key']) expect(result.stdout + result.stderr).not.toContain(secret);

  expect(await revealNamed(api, 'Production PostgreSQL')).toBe(SECRETS.db);
  expect(await revealNamed(api, 'Production Server SSH')).toBe(SECRETS.ssh);
  expect(await revealNamed(api, 'GitHub API Token')).toBe(SECRETS.github);
  expect(await credentialNamed(api, 'Production PostgreSQL')).toMatchObject({
    type: 'db_dsn',
    host: 'db.example.com',
    username: 'admin',
    extra: { port: 5432, database: 'prod_db', driver: 'postgresql' },
    description: `imported from ZainOne (credentials #${id(1)})`,
  });
  expect(await credentialNamed(api, 'Production Server SSH')).toMatchObject({
    type: 'ssh',
    host: 'server.example.com',
    username: 'ubuntu',
    extra: { port: 22, auth_method: 'key' },
  });
  expect(await credentialNamed(api, 'GitHub API Token')).toMatchObject({ type: 'bearer_token', extra: { url: 'https://api.github.com' } });
  for (const name of ['Old Basic Auth', 'Changed Key', 'Other Key', 'Kerberos']) expect(await credentialNamed(api, name)).toBeUndefined();
  expect(await old.digest('credentials')).toBe(before);
});

it('imports nothing new on a rerun, and reports the rows as unchanged', async () => {
  const before = await old.digest('credentials');
  const again = await cli(fromDatabase('--yes'));
  expect(again.stderr).toContain('0 created, 0 rotated, 3 unchanged, 0 changed, 2 failed');
  expect(again.stdout).toMatch(new RegExp(`credentials #${id(1)} \\(Production PostgreSQL\\)\\s+Production PostgreSQL\\s+unchanged`));
  expect(await old.digest('credentials')).toBe(before);
});

it('plans the same from a JSON-lines dump of the table as from the database, secrets masked', async () => {
  const dump = await old.client.query<{ row: string }>('select row_to_json(t)::text as row from credentials t');
  const file = write('credentials.jsonl', `${dump.rows.map((r) => r.row).join('\n')}\n`);
  const fromFile = await cli(['--json', 'import', 'zainone', '--from-file', file, '--key-file', keyFile, '--dry-run']);
  const fromDb = await cli(['--json', ...fromDatabase('--dry-run')]);
  expect(fromFile.code).toBe(1);
  const plan = JSON.parse(fromFile.stdout).plan;
  expect(plan).toEqual(JSON.parse(fromDb.stdout).plan);
  expect(plan.entries).toHaveLength(3);
  expect(plan.failed.map((f: { source: string }) => f.source)).toEqual([
    `credentials #${id(5)} (Changed Key)`,
    `credentials #${id(6)} (Other Key)`,
  ]);
  expect(fromFile.stdout).not.toContain(SECRETS.db);
  expect(fromFile.stdout).not.toContain('ghp_zainone');
});

it('refuses the key as an argument, both sources at once, and a table name that is not one', async () => {
  expect((await cli(['import', 'zainone', '--from-database', old.url, '--key', KEY])).code).toBe(2);
  const both = await cli(['import', 'zainone', '--from-database', old.url, '--from-file', 'x', '--key-file', keyFile]);
  expect(both).toMatchObject({ code: 2, stderr: 'keyledger: give --from-database or --from-file, not both\n' });
  const table = await cli(fromDatabase('--table', 'credentials; drop table credentials', '--yes'));
  expect(table.code).toBe(2);
  expect(table.stderr).toContain('--table must be a table name');
  const missing = await cli(fromDatabase('--table', 'creds', '--yes'));
  expect(missing).toMatchObject({ code: 1, stderr: 'keyledger: the old database has no table creds (--table names another)\n' });
});

it('takes the key at a hidden prompt and shows a progress bar on a terminal for a large store', async () => {
  await old.client.query('create table bulk (like credentials including all)');
  for (let n = 0; n < 25; n++) {
    await old.client.query(
      `insert into bulk (id, name, type, secret, extra) values (gen_random_uuid(), $1, 'api_key', $2, '{"provider":"internal"}')`,
      [`bulk key ${n}`, fernetSeal(`bulk-secret-value-${n}`, KEY)],
    );
  }
  const before = await old.digest('bulk');
  const term = runCliInPty(
    ['import', 'zainone', '--from-database', old.url, '--table', 'bulk', '--yes'],
    cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN }),
  );
  await term.waitFor('ZainOne key (ORCH_CRED_KEY): ');
  term.type(`${KEY}\r`);
  expect(await term.exit()).toBe(0);
  expect(term.output()).not.toContain(KEY);
  expect(term.output()).not.toContain('bulk-secret-value');
  expect(term.output()).toMatch(/import \[[^\]]*\] 25\/25 \(100%\) credentials/);
  expect(term.output()).toContain('25 created, 0 rotated, 0 unchanged, 0 changed, 0 failed');
  expect(await revealNamed(api, 'bulk key 24')).toBe('bulk-secret-value-24');
  expect(await old.digest('bulk')).toBe(before);
});
