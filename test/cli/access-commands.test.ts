import { ADMIN_TOKEN } from '../support/api.js';
import { cliEnv, cliFor, startCli, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';

// Principals, tokens, grants and whoami from the command line, and reveals by
// name recorded as reveals.
let api: HttpTestApi;
let cli: Cli;
let credentialId: string;
beforeAll(async () => {
  api = await startHttpTestApi('cli_access', { KEYLEDGER_TOKEN_CACHE_SECONDS: '0' });
  cli = cliFor(api.url, ADMIN_TOKEN);
  const created = await api.request('POST', '/v1/credentials', { body: { type: 'custom', name: 'Billing DB', secret: 'billing-secret' } });
  expect(created.statusCode).toBe(201);
  credentialId = created.json().id as string;
});
afterAll(() => api.close());

const json = (stdout: string) => JSON.parse(stdout);

describe('principals', () => {
  it('creates a principal with a role and teams, lists it, shows it by name or id', async () => {
    const created = await cli(['principals', 'create', 'ledger-service', '--role', 'service', '--team', 'payments', '--team', 'ops']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^created principal ledger-service \([0-9a-f-]{36}\): service, teams ops, payments\n$/);
    const id = /\(([0-9a-f-]{36})\)/.exec(created.stdout)![1]!;
    const listed = await cli(['principals', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+ledger-service\\s+service\\s+ops,payments`, 'm'));
    const byName = await cli(['principals', 'show', 'ledger-service', '--json']);
    expect(json(byName.stdout)).toMatchObject({ id, name: 'ledger-service', role: 'service', teams: ['ops', 'payments'] });
    expect((await cli(['principals', 'show', id])).stdout).toMatch(/^role:\s+service$/m);
    expect(await cli(['principals', 'show', 'nobody-here'])).toMatchObject({
      code: 3,
      stderr: 'keyledger: no principal named "nobody-here"\n',
    });
  });

  it('refuses an unknown role and a duplicate name', async () => {
    expect((await cli(['principals', 'create', 'x', '--role', 'root'])).code).toBe(2);
    expect((await cli(['principals', 'create', 'x'])).code).toBe(2);
    expect((await cli(['principals', 'create', 'twice', '--role', 'auditor'])).code).toBe(0);
    expect((await cli(['principals', 'create', 'twice', '--role', 'auditor'])).code).toBe(4);
  });
});

describe('tokens', () => {
  it('prints the principal and the token id on stderr, the token once on stdout; --principal takes a name', async () => {
    expect((await cli(['principals', 'create', 'deployer', '--role', 'operator'])).code).toBe(0);
    const issued = await cli(['tokens', 'create', '--principal', 'deployer', '--expires', '30d']);
    expect(issued.code).toBe(0);
    const [, principalId, tokenId] =
      /^principal deployer \(([0-9a-f-]{36})\), operator\ntoken ([0-9a-f-]{36}), expires (\S+); the token is shown this once:\n$/.exec(
        issued.stderr,
      )!;
    const token = issued.stdout.trim();
    expect(token).toMatch(/^klt_/);
    const me = json((await cliFor(api.url, token)(['whoami', '--json'])).stdout);
    expect(me).toMatchObject({ id: principalId, name: 'deployer', role: 'operator', token: { id: tokenId } });
    const days = (Date.parse(me.token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });

  it('revokes with an Idempotency-Key, as every other write', async () => {
    const issued = json((await cli(['tokens', 'create', '--name', 'short-lived', '--role', 'service', '--json'])).stdout);
    const revoked = await cli(['tokens', 'revoke', issued.id]);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked token ${issued.id} of short-lived\n` });
    // The API keeps each Idempotency-Key with the answer it gave: the revoke sent one.
    const keys = await api.orm.em
      .fork()
      .execute<{ key: string }[]>(`select key from kl_idempotency where response->>'id' = ?`, [issued.id]);
    expect(keys.map((k) => k.key)).toEqual([expect.stringMatching(/^cli-[0-9a-f-]{36}$/)]);
  });
});

describe('grants', () => {
  it('grants use to a principal by name, lists it by name, and revokes it', async () => {
    const service = json((await cli(['tokens', 'create', '--name', 'reader', '--role', 'service', '--json'])).stdout);
    const reader = cliFor(api.url, service.token);
    expect((await reader(['credentials', 'reveal', 'billing db'])).code).toBe(3);
    const granted = await cli(['grants', 'add', 'Billing DB', '--principal', 'reader', '--permission', 'use']);
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(new RegExp(`^granted use to reader on ${credentialId}: grant [0-9a-f-]{36}\\n$`));
    const grantId = /grant (\S+)\n$/.exec(granted.stdout)![1]!;
    expect(await reader(['credentials', 'reveal', 'billing db'])).toMatchObject({ code: 0, stdout: 'billing-secret' });
    const listed = await cli(['grants', 'list', 'billing db']);
    expect(listed.stdout).toMatch(new RegExp(`^${grantId}\\s+reader\\s+use\\s+\\S+\\s+bootstrap-admin$`, 'm'));
    expect((await cli(['grants', 'add', 'Billing DB', '--team', 'payments', '--permission', 'manage'])).stdout).toMatch(
      /^granted manage to team payments on /,
    );
    expect((await cli(['grants', 'list', 'Billing DB'])).stdout).toMatch(/\s+team payments\s+manage\s+/);
    expect((await cli(['grants', 'revoke', 'Billing DB', grantId])).stdout).toMatch(/^revoked use to reader on /);
    expect((await reader(['credentials', 'reveal', 'billing db'])).code).toBe(3);
  });

  it('refuses a grant without exactly one grantee, an unknown permission, an unknown principal', async () => {
    expect((await cli(['grants', 'add', 'Billing DB', '--permission', 'use'])).code).toBe(2);
    expect((await cli(['grants', 'add', 'Billing DB', '--team', 'a', '--principal', 'reader', '--permission', 'use'])).code).toBe(2);
    expect((await cli(['grants', 'add', 'Billing DB', '--team', 'a', '--permission', 'own'])).code).toBe(2);
    expect((await cli(['grants', 'add', 'Billing DB', '--principal', 'ghost', '--permission', 'use'])).code).toBe(3);
  });
});

describe('whoami and reveals by name', () => {
  it('says who the bootstrap token is', async () => {
    const me = await cli(['whoami']);
    expect(me.code).toBe(0);
    expect(me.stdout).toMatch(/^principal:\s+bootstrap-admin \(bootstrap-admin\)$/m);
    expect(me.stdout).toMatch(/^role:\s+admin$/m);
    expect(me.stdout).toMatch(/^credentials:.*reveal=tenant/m);
  });

  it('records a reveal by name as revealed, not looked_up, so audit list --action revealed finds it', async () => {
    expect(await cli(['credentials', 'reveal', 'BILLING db'])).toMatchObject({ code: 0, stdout: 'billing-secret' });
    const revealed = json((await cli(['audit', 'list', '--credential', 'Billing DB', '--action', 'revealed', '--json'])).stdout);
    expect(revealed.entries.length).toBeGreaterThanOrEqual(1);
    const lookedUp = json((await cli(['audit', 'list', '--action', 'looked_up', '--json'])).stdout);
    expect(lookedUp.entries).toEqual([]);
  });
});

describe('audit by principal name', () => {
  it('shows actors by name, takes --actor as a name or an id, and tails with names', async () => {
    const issued = JSON.parse((await cli(['tokens', 'create', '--name', 'night-batch', '--role', 'service', '--json'])).stdout);
    expect((await cli(['grants', 'add', 'Billing DB', '--principal', 'night-batch', '--permission', 'use'])).code).toBe(0);
    const service = cliFor(api.url, issued.token);
    expect(await service(['credentials', 'reveal', 'Billing DB'])).toMatchObject({ code: 0, stdout: 'billing-secret' });
    const env = cliEnv({ KEYLEDGER_ADDR: api.url, KEYLEDGER_TOKEN: ADMIN_TOKEN });
    const tail = startCli(['audit', 'tail', '--actor', 'night-batch', '-n', '1', '--interval', '200'], env);
    try {
      await tail.waitFor(/ night-batch revealed success /);
      expect((await service(['credentials', 'reveal', 'Billing DB'])).code).toBe(0);
      await tail.waitFor(/ night-batch revealed success [\s\S]* night-batch revealed success /);
      expect(tail.output()).not.toContain(issued.principalId);
    } finally {
      tail.kill();
    }
    const byName = await cli(['audit', 'list', '--actor', 'night-batch']);
    expect(byName.code).toBe(0);
    const rows = byName.stdout.trim().split('\n').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`\\snight-batch\\s+revealed\\s+success\\s+${credentialId}\\s`));
    expect(byName.stdout).not.toContain(issued.principalId);
    const byId = JSON.parse((await cli(['audit', 'list', '--actor', issued.principalId, '--json'])).stdout);
    expect(byId.entries.map((e: { actor: string; action: string }) => [e.actor, e.action])).toEqual([
      [issued.principalId, 'revealed'],
      [issued.principalId, 'revealed'],
    ]);
    const all = await cli(['audit', 'list', '--limit', '200']);
    expect(all.stdout).toMatch(/\sbootstrap-admin\s+created\s/);
    expect(await cli(['audit', 'list', '--actor', 'nobody-by-this-name'])).toMatchObject({ code: 3 });
  }, 120_000); // nine CLI processes one after another, each a Node start
});
