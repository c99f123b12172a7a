import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ADMIN_TOKEN } from '../support/api.js';
import { cliEnv, cliFor, runCli, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { runCliInPty } from '../support/pty.js';

// keyledger login keeps a token in an owner-only file; tokens and templates.
let api: HttpTestApi;
let cli: Cli;
beforeAll(async () => {
  api = await startHttpTestApi('cli_login', { KEYLEDGER_TOKEN_CACHE_SECONDS: '0' });
  cli = cliFor(api.url, ADMIN_TOKEN);
});
afterAll(() => api.close());

describe('login', () => {
  it('asks for the token without echo, checks it, and keeps it in a file only its owner can read', async () => {
    const env = cliEnv({ KEYLEDGER_ADDR: api.url });
    const term = runCliInPty(['login'], env);
    await term.waitFor(`Token for ${api.url}: `);
    term.type(`${ADMIN_TOKEN}\r`);
    expect(await term.exit()).toBe(0);
    expect(term.output()).not.toContain(ADMIN_TOKEN);
    const file = join(env.HOME!, '.config', 'keyledger', 'credentials');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.HOME!, '.config', 'keyledger')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ addr: api.url, token: ADMIN_TOKEN });
    // Later commands need neither KEYLEDGER_ADDR nor KEYLEDGER_TOKEN.
    const { KEYLEDGER_ADDR: _addr, ...home } = env;
    expect((await runCli(['templates', 'list'], { env: home })).code).toBe(0);
    chmodSync(file, 0o644);
    const loose = await runCli(['templates', 'list'], { env: home });
    expect(loose).toMatchObject({
      code: 1,
      stderr: `keyledger: ${file} can be read by other users: run chmod 600 ${file}, or keyledger login again\n`,
    });
    chmodSync(file, 0o600);
    expect((await runCli(['logout'], { env: home })).stderr).toBe(`removed ${file}\n`);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a token the API does not accept, and keeps nothing', async () => {
    const env = cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_CONFIG: '/tmp/never-written-kl-login' });
    const result = await runCli(['login', '--token-stdin'], { env, stdin: 'klt_not_a_token\n' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('set KEYLEDGER_TOKEN or run keyledger login');
    expect(existsSync('/tmp/never-written-kl-login')).toBe(false);
  });

  it('never sends the kept token to another address', async () => {
    const env = cliEnv({ KEYLEDGER_ADDR: api.url });
    expect((await runCli(['login', '--token-stdin'], { env, stdin: ADMIN_TOKEN })).code).toBe(0);
    const seen: IncomingHttpHeaders[] = [];
    const other = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"templates":[]}');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const elsewhere = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const { KEYLEDGER_ADDR: _addr, ...home } = env;
    const result = await runCli(['templates', 'list', '--addr', elsewhere], { env: home });
    other.close();
    expect(result).toMatchObject({
      code: 1,
      stderr: `keyledger: no token for ${elsewhere}: set KEYLEDGER_TOKEN, or run keyledger login\n`,
    });
    expect(seen).toEqual([]);
  });
});

describe('tokens and templates', () => {
  it('creates a token (printed once, to stdout), lists it without the token, revokes it', async () => {
    const created = await cli([
      'tokens',
      'create',
      '--name',
      'billing-service',
      '--role',
      'service',
      '--team',
      'payments',
      '--description',
      'deploy',
    ]);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^klt_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(
      /^principal billing-service \([0-9a-f-]{36}\), service\ntoken [0-9a-f-]{36}; the token is shown this once:\n$/,
    );
    const id = /^token (\S+);/m.exec(created.stderr)![1]!;
    const serviceCli = cliFor(api.url, token);
    expect((await serviceCli(['templates', 'list'])).code).toBe(0);
    const listed = await cli(['tokens', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+billing-service\\s+service\\s+active`));
    expect(listed.stdout).not.toContain(token.slice(-43));
    expect((await serviceCli(['tokens', 'list'])).code).toBe(1);
    expect((await cli(['tokens', 'revoke', id])).stdout).toBe(`revoked token ${id} of billing-service\n`);
    expect((await serviceCli(['templates', 'list'])).code).toBe(1);
    expect((await cli(['tokens', 'create', '--role', 'service'])).code).toBe(2);
  });

  it('lists templates and shows one with the options that fill each field', async () => {
    const list = await cli(['templates', 'list']);
    expect(list.stdout).toMatch(/^proxmox\s+Proxmox VE\s+service\s+yes/m);
    const show = await cli(['templates', 'show', 'proxmox']);
    expect(show.stdout).toMatch(/^token_value\s+\(prompt\)\s+secret\s+yes\s+-\s+auth_method=api_token/m);
    expect(show.stdout).toMatch(/^port\s+--extra port=\s+number\s+yes\s+8006/m);
    const missing = await cli(['templates', 'show', 'nope']);
    expect(missing).toMatchObject({ code: 2, stderr: 'keyledger: unknown credential type "nope": keyledger templates list shows them\n' });
    expect(JSON.parse((await cli(['templates', 'show', 'openai', '--json'])).stdout).type).toBe('openai');
  });
});
