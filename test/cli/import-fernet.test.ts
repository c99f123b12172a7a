import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fernet from 'fernet';
import { ADMIN_TOKEN } from '../support/api.js';
import { cliEnv, cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { runCliInPty } from '../support/pty.js';

// keyledger import fernet: an export of a Fernet-encrypted store, made here
// with a reference Fernet implementation (the fernet package) and a known key.
const OLD_KEY = Buffer.alloc(32, 42).toString('base64url') + '=';
const WRONG_KEY = Buffer.alloc(32, 43).toString('base64url') + '=';
const seal = (plaintext: string, key = OLD_KEY) => new fernet.Token({ secret: new fernet.Secret(key), ttl: 0 }).encode(plaintext);

const SECRETS = {
  db: 'pässwörd-for-billing',
  api: 'sk-ant-api03-0123456789abcdefghij',
  ssh: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----\n',
};

let api: HttpTestApi;
let cli: Cli;
let dir: string;
let keyFile: string;
beforeAll(async () => {
  api = await startHttpTestApi('import_fernet');
  cli = cliFor(api.url, ADMIN_TOKEN);
  dir = mkdtempSync(join(tmpdir(), 'kl-fernet-'));
  keyFile = join(dir, 'old.key');
  writeFileSync(keyFile, `${OLD_KEY}\n`);
});
afterAll(() => api.close());

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const jsonExport = () =>
  JSON.stringify({
    credentials: [
      {
        name: 'billing-db',
        type: 'postgres',
        host: 'db.internal',
        username: 'billing',
        extra: { database: 'billing' },
        encrypted_secret: seal(SECRETS.db),
      },
      { name: 'claude', type: 'anthropic', purpose: 'summaries', labels: ['ai'], encrypted_secret: seal(SECRETS.api) },
    ],
  });

const byName = async (name: string) =>
  (await api.request('GET', `/v1/credentials?q=${name}`)).json().credentials.find((c: { name: string }) => c.name === name);
const secretOf = async (name: string) => (await api.request('POST', `/v1/credentials/${(await byName(name)).id}/reveal`)).json().secret;

it('decrypts a JSON export with the old key from a file and imports it', async () => {
  const result = await cli(['import', 'fernet', write('store.json', jsonExport()), '--key-file', keyFile, '--yes']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/record 1 \(billing-db\)\s+billing-db\s+created/);
  expect(result.stdout + result.stderr).not.toContain(SECRETS.db);
  expect(await secretOf('billing-db')).toBe(SECRETS.db);
  expect(await secretOf('claude')).toBe(SECRETS.api);
  expect(await byName('claude')).toMatchObject({
    purpose: 'summaries',
    labels: ['ai'],
    description: 'imported from store.json (record 2 (claude))',
  });
});

it('reads the CSV format, multi-line secrets included, with the key typed at a hidden prompt', async () => {
  const csv = `name,type,host,username,extra,labels,encrypted_secret\nbastion,ssh,bastion.example.com,deploy,"{""port"":2222}",ops;prod,${seal(SECRETS.ssh)}\n`;
  const term = runCliInPty(
    ['import', 'fernet', write('store.csv', csv), '--yes'],
    cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN }),
  );
  await term.waitFor('Old Fernet key: ');
  term.type(`${OLD_KEY}\r`);
  expect(await term.exit()).toBe(0);
  expect(term.output()).not.toContain(OLD_KEY);
  expect(term.output()).not.toContain('b3BlbnNzaC1rZXktdjEA');
  expect(await secretOf('bastion')).toBe(SECRETS.ssh.replace(/\n$/, '\n'));
  expect(await byName('bastion')).toMatchObject({
    host: 'bastion.example.com',
    username: 'deploy',
    labels: ['ops', 'prod'],
    extra: { port: 2222 },
  });
});

it('refuses a tampered token with a clear message, and imports nothing of that file', async () => {
  const good = seal('first-secret-value');
  const bytes = Buffer.from(seal('second-secret-value'), 'base64url');
  bytes[40]! ^= 0x01;
  const tampered = bytes.toString('base64url');
  const file = write(
    'tampered.json',
    JSON.stringify([
      { name: 'fine', type: 'custom', encrypted_secret: good },
      { name: 'changed', type: 'custom', encrypted_secret: tampered },
    ]),
  );
  const result = await cli(['import', 'fernet', file, '--key-file', keyFile, '--yes']);
  expect(result.code).toBe(1);
  expect(result.stderr).toBe(
    'keyledger: nothing imported: 1 of 2 tokens refused (tampered, or under another key): record 2 (changed): Fernet token failed its HMAC check: wrong key, or the token was altered\n',
  );
  expect(await byName('fine')).toBeUndefined();
});

it('says so when the key is wrong, and refuses a key that is not a Fernet key', async () => {
  const wrong = write('wrong.key', WRONG_KEY);
  const result = await cli(['import', 'fernet', write('store2.json', jsonExport()), '--key-file', wrong, '--yes']);
  expect(result).toMatchObject({
    code: 1,
    stderr: 'keyledger: nothing imported: none of the 2 tokens verifies under this key (wrong key?)\n',
  });
  const notAKey = await cli(['import', 'fernet', write('store3.json', jsonExport()), '--key-file', write('bad.key', 'hunter2'), '--yes']);
  expect(notAKey.code).toBe(2);
  expect(notAKey.stderr).toContain('a Fernet key is 32 bytes in URL-safe base64');
  expect(notAKey.stderr).not.toContain('hunter2');
});

it('never takes the key as an argument, and refuses to prompt without a terminal', async () => {
  expect((await cli(['import', 'fernet', write('s.json', jsonExport()), '--key', OLD_KEY])).code).toBe(2);
  const noTty = await cli(['import', 'fernet', write('s2.json', jsonExport())]);
  expect(noTty).toMatchObject({
    code: 2,
    stderr: 'keyledger: stdin is not a terminal, so Old Fernet key cannot be asked for: use --key-file\n',
  });
});

it('is idempotent on rerun (fresh tokens of the same secrets), and a renamed copy creates nothing either', async () => {
  const again = await cli(['import', 'fernet', write('store.json', jsonExport()), '--key-file', keyFile, '--yes']);
  expect(again.code).toBe(0);
  expect(again.stderr).toContain('0 created, 0 rotated, 2 unchanged, 0 changed, 0 failed');
  const copy = await cli(['import', 'fernet', write('copy.json', jsonExport()), '--key-file', keyFile, '--yes']);
  expect(copy.code).toBe(0);
  expect(copy.stderr).toContain('0 created, 0 rotated, 2 unchanged, 0 changed, 0 failed');
});
