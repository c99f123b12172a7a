import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { ADMIN_TOKEN } from '../support/api.js';
import { cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { createScratchDatabase, credentialNamed, revealNamed, scratchFiles, type ScratchDatabase } from '../support/old-store.js';

// keyledger import broker: the secrets broker's secrets.host_credentials in
// a scratch database, its passwords sealed here with node:crypto as the
// broker does (PBKDF2-HMAC-SHA256, 100,000 iterations, static salt;
// base64(nonce || AES-256-GCM ciphertext || tag)).
const KMS_KEY = 'broker-kms-key-for-tests';
const brokerKey = (kms: string) => pbkdf2Sync(kms, 'opsconductor-secrets-v1', 100_000, 32, 'sha256');
function seal(plaintext: string, kms = KMS_KEY, nonce = randomBytes(12)): string {
  const cipher = createCipheriv('aes-256-gcm', brokerKey(kms), nonce);
  return Buffer.concat([nonce, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

const PASSWORDS = { winrm: 'SecurePass123', ssh: 'root-pässword', db: 'app-db-password', snmp: 'snmp-community-string' };

let api: HttpTestApi;
let old: ScratchDatabase;
let cli: Cli;
const write = scratchFiles('kl-broker-');
let keyFile: string;

beforeAll(async () => {
  api = await startHttpTestApi('import_broker');
  cli = cliFor(api.url, ADMIN_TOKEN);
  old = await createScratchDatabase('import_broker_old');
  keyFile = write('kms.key', `${KMS_KEY}\n`);
  await old.client.query(`create schema secrets;
    create table secrets.host_credentials (
      id serial primary key, host varchar(255) not null, purpose varchar(50) not null, username varchar(255),
      password_encrypted text, domain varchar(255), additional_data jsonb default '{}',
      created_at timestamptz default current_timestamp, updated_at timestamptz default current_timestamp,
      created_by varchar(100), updated_by varchar(100), unique (host, purpose))`);
  const insert = (
    host: string,
    purpose: string,
    username: string,
    password: string,
    domain: string | null,
    data: object,
    by: string | null,
  ) =>
    old.client.query(
      'insert into secrets.host_credentials (host, purpose, username, password_encrypted, domain, additional_data, created_by) values ($1, $2, $3, $4, $5, $6, $7)',
      [host, purpose, username, password, domain, JSON.stringify(data), by],
    );
  await insert('192.168.50.211', 'winrm', 'Administrator', seal(PASSWORDS.winrm), 'CORP', { notes: 'Production server' }, 'admin-script');
  await insert('10.0.0.5', 'ssh', 'root', seal(PASSWORDS.ssh), null, {}, null);
  await insert('db.internal', 'database', 'app', seal(PASSWORDS.db), null, {}, 'admin-script');
  await insert('switch-1.lan', 'snmp', 'monitor', seal(PASSWORDS.snmp), null, { community: 'v2c' }, null);
  const tampered = Buffer.from(seal('tampered-password'), 'base64');
  tampered[15]! ^= 0x01;
  await insert('10.0.0.6', 'rdp', 'Administrator', tampered.toString('base64'), 'CORP', {}, null);
  await insert('10.0.0.7', 'winrm', 'Administrator', seal('other-kms-password', 'another kms key'), 'CORP', {}, null);
});
afterAll(async () => {
  await old?.drop();
  await api?.close();
});

const fromDatabase = (...more: string[]) => ['import', 'broker', '--from-database', old.url, '--key-file', keyFile, ...more];

it('seals as the reference does: the vector computed with Python cryptography', () => {
  expect(seal('SecurePass123 ✓', KMS_KEY, Buffer.from('000102030405060708090a0b', 'hex'))).toBe(
    'AAECAwQFBgcICQoLnHVGdFBciQ/e3V++lz4CPkUaWYiPnSjgxA+y2CR1cIW0',
  );
});

it('imports the host credentials by purpose, fails only the tampered and the wrongly keyed row, and changes nothing there', async () => {
  const before = await old.digest('secrets.host_credentials');
  const result = await cli(fromDatabase('--yes'));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('4 created, 0 rotated, 0 unchanged, 0 changed, 2 failed');
  const refused = 'the password: AES-GCM authentication failed: wrong key, or the value was altered';
  expect(result.stdout).toContain(`failed secrets.host_credentials #5 (rdp@10.0.0.6): ${refused}`);
  expect(result.stdout).toContain(`failed secrets.host_credentials #6 (winrm@10.0.0.7): ${refused}`);
  for (const password of Object.values(PASSWORDS)) expect(result.stdout + result.stderr).not.toContain(password);

  expect(await revealNamed(api, 'winrm@192.168.50.211')).toBe(PASSWORDS.winrm);
  expect(await revealNamed(api, 'ssh@10.0.0.5')).toBe(PASSWORDS.ssh);
  expect(await revealNamed(api, 'database@db.internal')).toBe(PASSWORDS.db);
  expect(await revealNamed(api, 'snmp@switch-1.lan')).toBe(PASSWORDS.snmp);
  expect(await credentialNamed(api, 'winrm@192.168.50.211')).toMatchObject({
    type: 'winrm',
    host: '192.168.50.211',
    purpose: 'winrm',
    username: 'Administrator',
    extra: { domain: 'CORP', additional_data: { notes: 'Production server' } },
    description: 'imported from the secrets broker (secrets.host_credentials #1, created by admin-script)',
  });
  expect(await credentialNamed(api, 'ssh@10.0.0.5')).toMatchObject({
    type: 'ssh',
    host: '10.0.0.5',
    username: 'root',
    extra: { auth_method: 'password' },
  });
  expect(await credentialNamed(api, 'database@db.internal')).toMatchObject({ type: 'db_dsn', host: 'db.internal', purpose: 'database' });
  expect(await credentialNamed(api, 'snmp@switch-1.lan')).toMatchObject({
    type: 'custom',
    purpose: 'snmp',
    extra: { additional_data: { community: 'v2c' } },
  });
  expect(await credentialNamed(api, 'rdp@10.0.0.6')).toBeUndefined();
  expect(await old.digest('secrets.host_credentials')).toBe(before);
});

it('the broker lookup answers for an imported host and purpose', async () => {
  const reply = await api.request('POST', '/internal/secrets/credential-lookup', {
    body: { host: '192.168.50.211', purpose: 'winrm' },
    token: null,
    headers: { 'x-internal-key': ADMIN_TOKEN },
  });
  expect(reply.statusCode).toBe(200);
  expect(reply.json()).toMatchObject({ username: 'Administrator', password: PASSWORDS.winrm, domain: 'CORP' });
});

it('imports nothing new on a rerun, from the database or from a dump', async () => {
  const again = await cli(fromDatabase('--yes'));
  expect(again.stderr).toContain('0 created, 0 rotated, 4 unchanged, 0 changed, 2 failed');
  const dump = await old.client.query<{ row: string }>('select row_to_json(t)::text as row from secrets.host_credentials t');
  const file = write('host_credentials.jsonl', dump.rows.map((r) => r.row).join('\n'));
  const fromFile = await cli(['import', 'broker', '--from-file', file, '--key-file', keyFile, '--yes']);
  expect(fromFile.stderr).toContain('0 created, 0 rotated, 4 unchanged, 0 changed, 2 failed');
});

it('with a wrong KMS key, every row fails on its own and nothing is created', async () => {
  const wrong = write('wrong.key', 'not the kms key');
  const result = await cli(['import', 'broker', '--from-database', old.url, '--key-file', wrong, '--yes']);
  expect(result.code).toBe(1);
  expect(result.stdout.match(/^failed secrets\.host_credentials #\d+ /gm)).toHaveLength(6);
  expect(result.stderr).toContain('nothing to import');
});
