import { readFileSync } from 'node:fs';
import { ADMIN_TOKEN } from '../support/api.js';
import { cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { credentialNamed, fernetKey, fernetSeal, revealNamed, scratchFiles, tamperFernet } from '../support/old-store.js';

// keyledger import vault: `.credentials/vault.enc`, one Fernet token (the
// fernet package) over the JSON document of users and their database
// credentials; a password inside may be a Fernet token of its own.
const KEY = fernetKey(31);
const OTHER_KEY = fernetKey(32);
const PASSWORDS = { alice: 'secret123', reports: 'reports-pässword', carol: 'carol-sql-password', dave: 'dave-analytics-pw' };

const DOCUMENT = {
  alice_prod_db: {
    name: 'prod_db',
    owner: 'alice',
    db_type: 'postgres',
    host: 'db.example.com',
    port: 5432,
    database: 'production',
    username: 'dbuser',
    password: PASSWORDS.alice,
    description: 'Production database',
  },
  alice_reports: {
    name: 'reports',
    owner: 'alice',
    db_type: 'mysql',
    host: 'reports.internal',
    port: 3306,
    database: 'reports',
    username: 'reader',
    password: fernetSeal(PASSWORDS.reports, KEY),
  },
  bob_prod_db: {
    name: 'prod_db',
    owner: 'bob',
    db_type: 'postgres',
    host: 'db.example.com',
    username: 'bob',
    password: tamperFernet(fernetSeal('bob-tampered', KEY)),
  },
  bob_mongo: { name: 'mongo', owner: 'bob', db_type: 'mongodb', host: 'mongo.internal', password: fernetSeal('bob-other', OTHER_KEY) },
  'carol@example.com_warehouse': {
    name: 'warehouse',
    owner: 'Carol@example.com',
    db_type: 'sqlserver',
    host: 'sql.internal',
    port: 1433,
    database: 'dw',
    username: 'carol',
    password: PASSWORDS.carol,
  },
};

let api: HttpTestApi;
let cli: Cli;
const write = scratchFiles('kl-vault-');
let keyFile: string;
let vault: string;

beforeAll(async () => {
  api = await startHttpTestApi('import_vault');
  cli = cliFor(api.url, ADMIN_TOKEN);
  keyFile = write('master.key', `${KEY}\n`);
  vault = write('vault.enc', fernetSeal(JSON.stringify(DOCUMENT), KEY));
});
afterAll(() => api?.close());

it("imports each user's credentials as system credentials labelled with the user, failing only the unreadable passwords", async () => {
  const before = readFileSync(vault);
  const result = await cli(['import', 'vault', vault, '--key-file', keyFile, '--yes']);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('3 created, 0 rotated, 0 unchanged, 0 changed, 2 failed');
  const hmac = 'the password: Fernet token failed its HMAC check: wrong key, or the token was altered';
  expect(result.stdout).toContain(`failed bob/prod_db: ${hmac}`);
  expect(result.stdout).toContain(`failed bob/mongo: ${hmac}`);
  for (const password of Object.values(PASSWORDS)) expect(result.stdout + result.stderr).not.toContain(password);

  expect(await revealNamed(api, 'alice/prod_db')).toBe(PASSWORDS.alice);
  expect(await credentialNamed(api, 'alice/prod_db')).toMatchObject({
    type: 'postgres',
    host: 'db.example.com',
    username: 'dbuser',
    labels: ['user:alice'],
    description: 'Production database',
    extra: { port: 5432, database: 'production' },
  });
  expect(await revealNamed(api, 'alice/reports')).toBe(PASSWORDS.reports);
  expect(await credentialNamed(api, 'alice/reports')).toMatchObject({ type: 'mysql', labels: ['user:alice'], extra: { port: 3306 } });
  expect(await revealNamed(api, 'Carol@example.com/warehouse')).toBe(PASSWORDS.carol);
  expect(await credentialNamed(api, 'Carol@example.com/warehouse')).toMatchObject({
    type: 'db_dsn',
    host: 'sql.internal',
    labels: ['user:carol_example.com'],
    extra: { driver: 'sqlserver', port: 1433, database: 'dw', secret_format: 'password' },
  });
  expect(await credentialNamed(api, 'bob/prod_db')).toBeUndefined();
  expect(readFileSync(vault).equals(before)).toBe(true);
});

it('imports nothing new on a rerun', async () => {
  const again = await cli(['import', 'vault', vault, '--key-file', keyFile, '--yes']);
  expect(again.stderr).toContain('0 created, 0 rotated, 3 unchanged, 0 changed, 2 failed');
  expect(again.stdout).toMatch(/alice\/prod_db\s+alice\/prod_db\s+unchanged/);
});

it('reads the document nested by user too', async () => {
  const nested = {
    users: { dave: { analytics: { db_type: 'postgresql', host: 'pg.internal', username: 'dave', password: PASSWORDS.dave } } },
  };
  const file = write('nested.enc', fernetSeal(JSON.stringify(nested), KEY));
  const result = await cli(['import', 'vault', file, '--key-file', keyFile, '--yes']);
  expect(result.code).toBe(0);
  expect(await revealNamed(api, 'dave/analytics')).toBe(PASSWORDS.dave);
  expect(await credentialNamed(api, 'dave/analytics')).toMatchObject({ type: 'postgres', labels: ['user:dave'] });
});

it('refuses the whole vault under a wrong key or when changed: it is one token', async () => {
  const wrong = await cli(['import', 'vault', vault, '--key-file', write('other.key', OTHER_KEY), '--yes']);
  expect(wrong).toMatchObject({
    code: 1,
    stderr: 'keyledger: the vault does not open: Fernet token failed its HMAC check: wrong key, or the token was altered\n',
  });
  const changed = await cli(['import', 'vault', write('changed.enc', tamperFernet(readFileSync(vault, 'utf8'))), '--key-file', keyFile]);
  expect(changed.code).toBe(1);
  expect(changed.stderr).toContain('the vault does not open');
});
