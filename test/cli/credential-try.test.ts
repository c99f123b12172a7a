import { ADMIN_TOKEN } from '../support/api.js';
import { cliEnv, cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { answer, basicAuth, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { runCliInPty } from '../support/pty.js';

// keyledger credentials try: the options of add, the secret asked for
// without echo, the check run at once through POST /v1/credentials/test;
// the exit code says whether it passed, and nothing is saved.
const USER = 'deploy';
const SECRET = 'Cli-Try-Right-Secret-42';
const WRONG = 'Cli-Try-Wrong-Secret-43';
let api: HttpTestApi;
let site: LoopbackHttp;
let cli: Cli;
let env: Record<string, string>;
beforeAll(async () => {
  api = await startHttpTestApi('cli_credential_try');
  site = await startLoopbackHttp((request, res) => answer(res, request.headers.authorization === basicAuth(USER, SECRET)));
  env = cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN });
  cli = cliFor(api.url, ADMIN_TOKEN);
});
afterAll(async () => {
  await site?.close();
  await api?.close();
});

const args = (name: string) => ['credentials', 'try', 'http_basic', '--name', name, '--username', USER, '--extra', `url=${site.url}/login`];

it('asks for the password without echo, checks it and exits 0 when it works', async () => {
  const term = runCliInPty(args('intranet'), env);
  await term.waitFor('Password: ');
  term.type(`${SECRET}\r`);
  expect(await term.exit()).toBe(0);
  expect(term.output()).toMatch(new RegExp(`intranet: ok in \\d+ ms \\(the http_basic credential works against ${site.url}/login\\)`));
  expect(term.output()).not.toContain(SECRET);
});

it('exits 1 with the reason when the target refuses it, and --json carries the answer', async () => {
  const refused = await cli([...args('intranet'), '--secret-stdin'], { stdin: WRONG });
  expect(refused.code).toBe(1);
  expect(refused.stdout).toMatch(
    new RegExp(`^intranet: failed in \\d+ ms \\(HTTP 401 from ${site.url}/login: the credentials were refused\\)\n$`),
  );
  const json = await cli([...args('intranet'), '--secret-stdin', '--json'], { stdin: WRONG });
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout)).toEqual({
    ok: false,
    checked: true,
    message: expect.stringContaining('HTTP 401'),
    durationMs: expect.any(Number),
  });
  for (const output of [refused.stdout, refused.stderr, json.stdout, json.stderr]) expect(output).not.toContain(WRONG);
});

it('refuses an invalid credential as add does (exit 2) and saves nothing', async () => {
  const invalid = await cli(['credentials', 'try', 'openai', '--name', 'bad', '--secret-stdin'], { stdin: 'not-a-key' });
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toMatch(/^keyledger: .*\(secret: OpenAI API keys start with sk-\)\n$/);
  expect((await api.request('GET', '/v1/credentials')).json().credentials).toEqual([]);
});
