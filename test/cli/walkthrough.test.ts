import { ADMIN_TOKEN } from '../support/api.js';
import { cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';

// The README's CLI walkthrough, command for command: from a fresh database to
// a service token reading the secret it was granted, with the CLI alone.
let api: HttpTestApi;
let admin: Cli;
beforeAll(async () => {
  api = await startHttpTestApi('cli_walkthrough');
  admin = cliFor(api.url, ADMIN_TOKEN);
});
afterAll(() => api.close());

async function ok(cli: Cli, args: string[], stdin?: string): Promise<string> {
  const result = await cli(args, { stdin });
  expect({ args, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ args, code: 0, stderr: '' });
  return result.stdout;
}

it('takes a fresh instance to a service token reading its granted secret, and the audit names the service', async () => {
  // 1. The bootstrap admin (KEYLEDGER_TOKEN) checks who it is.
  expect(await ok(admin, ['whoami'])).toMatch(/^principal:\s+bootstrap-admin .*\nrole:\s+admin$/m);

  // 2. A credential, its secret from stdin; the id captured from --json.
  const created = JSON.parse(
    await ok(
      admin,
      ['credentials', 'add', 'postgres', '--name', 'billing-db', '--host', 'db.internal', '--username', 'billing'].concat([
        '--extra',
        'database=billing',
        '--purpose',
        'billing',
        '--expires',
        '2027-01-31',
        '--secret-stdin',
        '--json',
      ]),
      'pg-password-1',
    ),
  );
  expect(created).toMatchObject({ name: 'billing-db', type: 'postgres', expiresAt: '2027-01-31T00:00:00.000Z' });
  expect(JSON.stringify(created)).not.toContain('pg-password-1');

  // 3. A service principal and its token (shown once).
  expect(await ok(admin, ['principals', 'create', 'billing-service', '--role', 'service', '--team', 'payments'])).toMatch(
    /^created principal billing-service/,
  );
  const issued = JSON.parse(await ok(admin, ['tokens', 'create', '--principal', 'billing-service', '--expires', '90d', '--json']));
  expect(issued).toMatchObject({ principalName: 'billing-service', role: 'service', token: expect.stringMatching(/^klt_/) });
  const service = cliFor(api.url, issued.token);

  // 4. Before the grant the service cannot see the credential; after it, it reads the secret.
  expect((await service(['credentials', 'reveal', 'billing-db'])).code).toBe(3);
  expect(await ok(admin, ['grants', 'add', 'billing-db', '--principal', 'billing-service', '--permission', 'use'])).toMatch(
    /^granted use to billing-service on /,
  );
  expect(await ok(service, ['whoami', '--json'])).toContain('"name": "billing-service"');
  expect(await ok(service, ['credentials', 'reveal', 'billing-db'])).toBe('pg-password-1');

  // 5. The audit shows the reveal, by the service's name.
  const audit = await ok(admin, ['audit', 'list', '--credential', 'billing-db', '--action', 'revealed']);
  const rows = audit.trim().split('\n');
  expect(rows).toHaveLength(2);
  expect(rows[1]).toMatch(new RegExp(`\\sbilling-service\\s+revealed\\s+success\\s+${created.id}\\s`));
});
