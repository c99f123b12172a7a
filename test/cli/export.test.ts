import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_TOKEN, openAiCredential, openAiKey } from '../support/api.js';
import { cliEnv, cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { runCliInPty } from '../support/pty.js';

// keyledger export --encrypted, imported into another Keyledger: only with
// the right key or passphrase, never from a changed file.
let source: HttpTestApi;
let target: HttpTestApi;
let fromSource: Cli;
let intoTarget: Cli;
let dir: string;
let keyFile: string;
const secrets = [openAiKey('Export1Export1Ex'), openAiKey('Export2Export2Ex')];

beforeAll(async () => {
  // One reveal per second at the source: an export waits out the limit instead of failing.
  const limited = { KEYLEDGER_REVEAL_RATE_LIMIT: '1', KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS: '1' };
  [source, target] = await Promise.all([startHttpTestApi('cli_export_source', limited), startHttpTestApi('cli_export_target')]);
  fromSource = cliFor(source.url, ADMIN_TOKEN);
  intoTarget = cliFor(target.url, ADMIN_TOKEN);
  dir = mkdtempSync(join(tmpdir(), 'kl-export-'));
  keyFile = join(dir, 'export.key');
  writeFileSync(keyFile, randomBytes(32).toString('base64'));
  for (const [i, secret] of secrets.entries())
    await source.request('POST', '/v1/credentials', {
      body: { ...openAiCredential(`openai-${i}`, secret), purpose: i === 0 ? 'chat' : `chat-${i}`, description: `key ${i}` },
    });
  const inactive = (await source.request('POST', '/v1/credentials', { body: openAiCredential('retired') })).json();
  await source.request('DELETE', `/v1/credentials/${inactive.id}`);
});
afterAll(() => Promise.all([source.close(), target.close()]));

const reveals = async (api: HttpTestApi) =>
  (await api.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from kl_events where type = 'SecretRevealed'`))[0]!.n;

it('writes an owner-only file that holds no plaintext, revealing each secret through the API (audited)', async () => {
  const file = join(dir, 'backup.kle');
  const result = await fromSource(['export', '--encrypted', '--out', file, '--key-file', keyFile]);
  expect(result.code).toBe(0);
  expect(result.stdout).toBe(`exported 2 credential(s) to ${file}\n`);
  expect(result.stderr).toMatch(/reveal rate limit reached; going on in 1 s/);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const text = readFileSync(file, 'utf8');
  expect(text.split('\n')[0]).toBe('keyledger-export v1');
  for (const secret of secrets) expect(text).not.toContain(secret.slice(-20));
  expect(text).not.toContain('openai-0');
  expect(await reveals(source)).toBe(2);
  const again = await fromSource(['export', '--encrypted', '--out', file, '--key-file', keyFile]);
  expect(again).toMatchObject({ code: 1, stderr: `keyledger: ${file} exists: choose another file, or --force\n` });
  expect(await reveals(source)).toBe(2);
});

it('imports into another Keyledger with the right key', async () => {
  const result = await intoTarget(['import', 'encrypted', join(dir, 'backup.kle'), '--key-file', keyFile, '--yes']);
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('2 created');
  const listed = (await target.request('GET', '/v1/credentials')).json().credentials;
  expect(listed.map((c: { name: string }) => c.name).sort()).toEqual(['openai-0', 'openai-1']);
  const revealed = await Promise.all(
    listed.map(async (c: { id: string }) => (await target.request('POST', `/v1/credentials/${c.id}/reveal`)).json()),
  );
  expect(revealed.map((r) => r.secret).sort()).toEqual([...secrets].sort());
  expect(listed[0]).toMatchObject({ purpose: 'chat', host: 'api.openai.com', labels: ['prod'] });
});

it('refuses a wrong key and a changed file with one clear line, importing nothing', async () => {
  const wrongKey = join(dir, 'wrong.key');
  writeFileSync(wrongKey, randomBytes(32).toString('base64'));
  const wrong = await intoTarget(['import', 'encrypted', join(dir, 'backup.kle'), '--key-file', wrongKey, '--yes']);
  expect(wrong).toMatchObject({
    code: 1,
    stderr: 'keyledger: the export could not be opened: wrong key or passphrase, or the file was changed\n',
  });
  const lines = readFileSync(join(dir, 'backup.kle'), 'utf8').split('\n');
  const body = Buffer.from(lines[2]!, 'base64url');
  body[body.length - 30]! ^= 1;
  const changed = join(dir, 'changed.kle');
  writeFileSync(changed, [lines[0], lines[1], body.toString('base64url'), ''].join('\n'));
  const tampered = await intoTarget(['import', 'encrypted', changed, '--key-file', keyFile, '--yes']);
  expect(tampered.stderr).toBe('keyledger: the export could not be opened: wrong key or passphrase, or the file was changed\n');
  expect((await target.request('GET', '/v1/credentials')).json().total).toBe(2);
});

it('seals with a passphrase typed twice at hidden prompts, and opens only with it', async () => {
  const env = cliEnv({ KEYLEDGER_ADDR: source.url, KEYLEDGER_TOKEN: ADMIN_TOKEN });
  const file = join(dir, 'passphrase.kle');
  const term = runCliInPty(['export', '--encrypted', '--out', file, '--type', 'openai'], env);
  await term.waitFor('Passphrase: ');
  term.type('correct horse battery staple\r');
  await term.waitFor('Passphrase again: ');
  term.type('correct horse battery staple\r');
  expect(await term.exit()).toBe(0);
  expect(term.output()).not.toContain('horse');
  const passphraseFile = join(dir, 'passphrase.txt');
  writeFileSync(passphraseFile, 'correct horse battery staple\n');
  const dry = await intoTarget(['import', 'encrypted', file, '--passphrase-file', passphraseFile, '--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('Plan: 2 credential(s)');
  writeFileSync(passphraseFile, 'wrong horse battery staple\n');
  expect((await intoTarget(['import', 'encrypted', file, '--passphrase-file', passphraseFile, '--yes'])).code).toBe(1);
  expect((await intoTarget(['import', 'encrypted', file, '--key-file', keyFile])).stderr).toContain(
    'sealed with a passphrase, not a key file',
  );
});

it('exports only encrypted', async () => {
  const plain = await fromSource(['export', '--out', join(dir, 'plain.json'), '--key-file', keyFile]);
  expect(plain).toMatchObject({ code: 2, stderr: 'keyledger: exports are always encrypted: add --encrypted\n' });
});
