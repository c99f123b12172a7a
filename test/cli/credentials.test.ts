import { ADMIN_TOKEN, openAiKey } from '../support/api.js';
import { closedPort } from '../support/ports.js';
import { cliEnv, cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { runCliInPty } from '../support/pty.js';

// The credentials commands as an operator uses them: a terminal for the
// hidden prompts, pipes for the rest, against the API on a real port.
let api: HttpTestApi;
let cli: Cli;
let env: Record<string, string>;
beforeAll(async () => {
  api = await startHttpTestApi('cli_credentials');
  env = cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN });
  cli = cliFor(api.url, ADMIN_TOKEN);
});
afterAll(() => api.close());

const revealViaApi = async (id: string) => (await api.request('POST', `/v1/credentials/${id}/reveal`)).json().secret as string;
const firstSecret = openAiKey('Typed1Typed2Ty3');

describe('adding with a hidden prompt', () => {
  it("asks for the template's secret field at the terminal without echoing it", async () => {
    const term = runCliInPty(
      ['credentials', 'add', 'openai', '--name', 'openai-prod', '--purpose', 'chat', '--host', 'api.openai.com', '--label', 'prod'],
      env,
    );
    await term.waitFor('API key: ');
    term.type(`${firstSecret}\r`);
    expect(await term.exit()).toBe(0);
    expect(term.output()).toMatch(/created openai-prod \([0-9a-f-]{36}\): active, secret sk-proj-x…2Ty3 version 1/);
    expect(term.output()).not.toContain(firstSecret);
    expect(term.output()).not.toContain(firstSecret.slice(8, 30));
    const listed = (await api.request('GET', '/v1/credentials?q=openai-prod')).json().credentials[0];
    expect(await revealViaApi(listed.id)).toBe(firstSecret);
  });

  it('edits the line: backspace removes what was typed, and nothing of it is shown', async () => {
    const term = runCliInPty(['credentials', 'add', 'custom', '--name', 'edited'], env);
    await term.waitFor('Secret (paste it, then press Ctrl-D on a new line)');
    term.type('wrongX\u007f\u007f\u007f\u007f\u007f\u007fright-value\rsecond line\r\u0004');
    expect(await term.exit()).toBe(0);
    expect(term.output()).not.toMatch(/wrong|right-value|second line/);
    const id = (await cli(['credentials', 'show', 'edited', '--json'])).stdout;
    expect(await revealViaApi(JSON.parse(id).id)).toBe('right-value\nsecond line');
  });

  it('refuses to prompt when stdin is not a terminal, and never takes a secret as an argument', async () => {
    const result = await cli(['credentials', 'add', 'openai', '--name', 'no-tty']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('keyledger: stdin is not a terminal, so API key cannot be asked for: use --secret-stdin or --secret-file\n');
    const incomplete = await cli(['credentials', 'add', 'proxmox', '--name', 'pve-x', '--username', 'root']);
    expect(incomplete).toMatchObject({
      code: 2,
      stderr: 'keyledger: a proxmox credential also needs --host (Host), --extra token_name=...\n',
    });
    const argument = await cli(['credentials', 'add', 'openai', '--name', 'x', '--secret', 'sk-xxx']);
    expect(argument.code).toBe(2);
    expect(argument.stderr).toContain("unknown option '--secret'");
  });

  it('reads the secret from stdin or a file, and asks for the field the choices switch on', async () => {
    const piped = await cli(
      [
        'credentials',
        'add',
        'proxmox',
        '--name',
        'pve',
        '--host',
        'pve1.example.com',
        '--username',
        'automation',
        '--extra',
        'token_name=ci',
        '--extra',
        'port=8007',
        '--extra',
        'verify_tls=false',
        '--secret-stdin',
        '--json',
      ],
      { stdin: '0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e\n' },
    );
    expect(piped.code).toBe(0);
    const created = JSON.parse(piped.stdout);
    expect(created).toMatchObject({
      type: 'proxmox',
      extra: { port: 8007, verify_tls: false, token_name: 'ci', auth_method: 'api_token' },
    });
    expect(await revealViaApi(created.id)).toBe('0b6d6f4e-8a1c-4c57-9d1e-2f3a4b5c6d7e');
    const term = runCliInPty(
      ['credentials', 'add', 'proxmox', '--name', 'pve-pw', '--host', 'pve2', '--username', 'root', '--extra', 'auth_method=password'],
      env,
    );
    await term.waitFor('Password: ');
    term.type('hunter2hunter2\r');
    expect(await term.exit()).toBe(0);
  });
});

describe('listing and showing', () => {
  it('lists a masked table, and --json for scripts', async () => {
    const table = await cli(['credentials', 'list', '--type', 'openai', '--wide']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+TYPE\s+STATUS\s+HOST\s+PURPOSE\s+SECRET\s+V\s+EXPIRES\s+UPDATED$/);
    expect(table.stdout).toMatch(/openai-prod\s+openai\s+active\s+api\.openai\.com\s+chat\s+sk-proj-x…2Ty3\s+1/);
    expect(table.stdout).not.toContain(firstSecret);
    const narrow = await cli(['credentials', 'list', '--type', 'openai']);
    expect(narrow.stdout.split('\n')[0]).toMatch(/^NAME\s+TYPE\s+STATUS\s+HOST\s+SECRET\s+UPDATED$/);
    expect(narrow.stdout).toMatch(/^openai-prod\s+openai\s+active\s+api\.openai\.com\s+sk-proj-x…2Ty3\s+\d{4}-\d{2}-\d{2}$/m);
    expect(narrow.stdout).not.toContain(firstSecret);
    const json = JSON.parse((await cli(['credentials', 'list', '--json', '--label', 'prod'])).stdout);
    expect(json).toMatchObject({ total: 1, nextCursor: null, credentials: [{ name: 'openai-prod' }] });
  });

  it('pages with --limit and --cursor, or everything with --all', async () => {
    const first = await cli(['credentials', 'list', '--limit', '2']);
    expect(first.stdout.trim().split('\n')).toHaveLength(3);
    const cursor = /--cursor (\S+)/.exec(first.stderr)![1]!;
    const second = await cli(['credentials', 'list', '--limit', '2', '--cursor', cursor, '--json']);
    expect(JSON.parse(second.stdout).credentials.length).toBeGreaterThan(0);
    expect(JSON.parse((await cli(['credentials', 'list', '--limit', '1', '--all', '--json'])).stdout).credentials.length).toBe(4);
  });

  it('fits the default table in 100 columns, cutting long values with an ellipsis; --wide shows them whole', async () => {
    const name = `payments-${'very-long-'.repeat(5)}primary`;
    const host = `replica-${'a'.repeat(30)}.db.internal.example`;
    const body = { type: 'custom', name, host, secret: 'a-long-enough-secret-value' };
    expect((await api.request('POST', '/v1/credentials', { body })).statusCode).toBe(201);
    const narrow = await cli(['credentials', 'list']);
    const lines = narrow.stdout.trimEnd().split('\n');
    for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(100);
    expect(narrow.stdout).toContain(`${name.slice(0, 23)}…`);
    expect(narrow.stdout).toContain(`${host.slice(0, 17)}…`);
    const wide = await cli(['credentials', 'list', '--wide']);
    expect(wide.stdout).toContain(name);
    expect(wide.stdout).toContain(host);
    const json = JSON.parse((await cli(['credentials', 'list', '--json', '-q', 'very-long'])).stdout);
    expect(json.credentials).toEqual([expect.objectContaining({ name, host, secretPreview: expect.any(String), version: 1 })]);
    expect((await cli(['credentials', 'delete', name])).code).toBe(0);
    expect((await cli(['credentials', 'destroy', name, '--yes'])).code).toBe(0);
  });

  it('shows one credential by name or id', async () => {
    const shown = await cli(['credentials', 'show', 'openai-prod']);
    expect(shown.stdout).toMatch(/^id:\s+[0-9a-f-]{36}$/m);
    expect(shown.stdout).toMatch(/^secret:\s+sk-proj-x…2Ty3 \(version 1\)$/m);
  });
});

describe('changing', () => {
  it('updates metadata, merging --extra into the current settings under If-Match', async () => {
    const updated = await cli([
      'credentials',
      'update',
      'pve',
      '--extra',
      'port=8006',
      '--extra',
      'verify_tls=',
      '--description',
      'lab cluster',
      '--json',
    ]);
    expect(updated.code).toBe(0);
    const body = JSON.parse(updated.stdout);
    expect(body).toMatchObject({ description: 'lab cluster', extra: { port: 8006, token_name: 'ci', realm: 'pam' } });
    expect(body.extra).not.toHaveProperty('verify_tls', false);
    expect((await cli(['credentials', 'update', 'pve'])).code).toBe(2);
  });

  it('rotates at a hidden prompt, then reveal prints the new secret to a pipe only', async () => {
    const next = openAiKey('Rotated9Rot8ed7R');
    const term = runCliInPty(['credentials', 'rotate', 'openai-prod'], env);
    await term.waitFor('New api key for openai-prod: ');
    term.type(`${next}\r`);
    expect(await term.exit()).toBe(0);
    expect(term.output()).toContain('rotated openai-prod');
    expect(term.output()).toContain('version 2');
    expect(term.output()).not.toContain(next);
    const revealed = await cli(['credentials', 'reveal', 'openai-prod']);
    expect(revealed).toMatchObject({ code: 0, stdout: next, stderr: '' });
    const onTerminal = runCliInPty(['credentials', 'reveal', 'openai-prod'], env);
    expect(await onTerminal.exit()).toBe(2);
    expect(onTerminal.output()).toContain('refusing to print a secret on the terminal');
    expect(onTerminal.output()).not.toContain(next);
  });

  it('rotates from stdin and keeps a masked history', async () => {
    expect((await cli(['credentials', 'rotate', 'openai-prod', '--secret-stdin'], { stdin: openAiKey('Third333Third333') })).code).toBe(0);
    const history = await cli(['credentials', 'history', 'openai-prod']);
    expect(history.stdout).toMatch(/^3\s+sk-proj-x…d333\s+\S+\s+bootstrap-admin\s+yes$/m);
    expect(history.stdout).toMatch(/^1\s+sk-proj-x…2Ty3/m);
    const events = await cli(['credentials', 'history', 'openai-prod', '--events', '--json']);
    expect(JSON.parse(events.stdout).events.map((e: { type: string }) => e.type)).toEqual([
      'CredentialRegistered',
      'SecretRotated',
      'SecretRotated',
    ]);
    expect(events.stdout).not.toContain('Third333Third333');
  });

  it('deactivates and restores; destroy asks at a terminal, refuses without one unless --yes', async () => {
    expect((await cli(['credentials', 'delete', 'edited'])).stdout).toContain('deactivated edited');
    expect((await cli(['credentials', 'reveal', 'edited'])).code).toBe(4);
    expect((await cli(['credentials', 'restore', 'edited'])).stdout).toContain('restored edited');
    const noTty = await cli(['credentials', 'destroy', 'edited']);
    expect(noTty).toMatchObject({ code: 2, stderr: 'keyledger: destroy cannot be undone: confirm it at a terminal, or pass --yes\n' });
    const term = runCliInPty(['credentials', 'destroy', 'edited'], env);
    await term.waitFor('Type its name to confirm: ');
    term.type('edited\r');
    expect(await term.exit()).toBe(0);
    expect(term.output()).toContain('destroyed edited');
    expect((await cli(['credentials', 'destroy', 'pve-pw', '--yes'])).code).toBe(0);
  });
});

describe('expiry', () => {
  it('warns on stderr when it reveals an expired credential, the secret still on stdout', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    expect((await cli(['credentials', 'update', 'openai-prod', '--expires', soon])).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const revealed = await cli(['credentials', 'reveal', 'openai-prod']);
    expect(revealed).toMatchObject({ code: 0, stdout: openAiKey('Third333Third333'), stderr: `warning: openai-prod expired at ${soon}\n` });
  });
});

describe('exit codes and errors', () => {
  it('3 for not found, 4 for a conflict, 2 for invalid input, 1 when the API is unreachable: one line each', async () => {
    const missing = await cli(['credentials', 'show', 'nope']);
    expect(missing).toMatchObject({ code: 3, stderr: 'keyledger: no credential named "nope"\n' });
    expect((await cli(['credentials', 'show', '00000000-0000-4000-8000-000000000000'])).code).toBe(3);
    const duplicate = await cli(['credentials', 'add', 'custom', '--name', 'openai-prod', '--secret-stdin'], { stdin: 'x' });
    expect(duplicate.code).toBe(4);
    expect(duplicate.stderr.trim().split('\n')).toHaveLength(1);
    const invalid = await cli(['credentials', 'add', 'openai', '--name', 'bad', '--secret-stdin'], { stdin: 'not-a-key' });
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^keyledger: .*\(secret: OpenAI API keys start with sk-\)\n$/);
    expect(invalid.stderr).not.toContain('not-a-key');
    const closed = await closedPort();
    const down = await cli(['credentials', 'list'], { env: { KEYLEDGER_ADDR: `http://127.0.0.1:${closed}` } });
    expect(down).toMatchObject({ code: 1, stderr: `keyledger: cannot reach http://127.0.0.1:${closed}: connection refused\n` });
    const unauthenticated = await cli(['credentials', 'list'], { env: { KEYLEDGER_TOKEN: 'klt_nope' } });
    expect(unauthenticated.code).toBe(1);
    expect(unauthenticated.stderr).toContain('set KEYLEDGER_TOKEN or run keyledger login');
  });

  it('prints errors as JSON with --json', async () => {
    const result = await cli(['credentials', 'show', 'nope', '--json']);
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stderr)).toEqual({ error: { message: 'no credential named "nope"', exitCode: 3 } });
    const api404 = JSON.parse((await cli(['credentials', 'show', '00000000-0000-4000-8000-000000000000', '--json'])).stderr);
    expect(api404.error).toMatchObject({ status: 404, code: 'NOT_FOUND', exitCode: 3 });
  });
});
