import { ADMIN_TOKEN } from '../support/api.js';
import { cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { closedPort } from '../support/ports.js';

// keyledger credentials test: queues the health check, waits for the
// worker's result, shows it, and says by its exit code whether it passed.
let api: HttpTestApi;
let cli: Cli;
beforeAll(async () => {
  api = await startHttpTestApi('cli_credential_test', { KEYLEDGER_HEALTHCHECK_INTERVAL: 'off' }, { worker: true });
  cli = cliFor(api.url, ADMIN_TOKEN);
  const local = {
    type: 'postgres',
    host: '127.0.0.1',
    username: 'postgres',
    extra: { port: 5432, database: 'postgres', sslmode: 'disable' },
  };
  await api.request('POST', '/v1/credentials', { body: { ...local, name: 'local-pg', secret: 'trusted-anyway' } });
  await api.request('POST', '/v1/credentials', {
    body: { ...local, name: 'nowhere-pg', secret: 'irrelevant', extra: { ...local.extra, port: await closedPort() } },
  });
});
afterAll(() => api.close());

it('waits for a passing check and shows it', async () => {
  const result = await cli(['credentials', 'test', 'local-pg']);
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^testing local-pg \(job test\.[0-9a-f-]{36}\.\S+\)\.\.\.\n$/);
  expect(result.stdout).toMatch(/^local-pg: ok at \d{4}-\d\d-\d\dT[\d:.]+Z\n$/);
  const shown = (await cli(['credentials', 'show', 'local-pg'])).stdout;
  expect(shown).toMatch(/^last test:\s+ok at /m);
});

it('shows why a check failed, exits 1, and --json carries the result', async () => {
  const result = await cli(['credentials', 'test', 'nowhere-pg']);
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^nowhere-pg: failed at \S+ \(.*refused.*\)\n$/);
  const json = await cli(['credentials', 'test', 'nowhere-pg', '--json']);
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout)).toMatchObject({ status: 'failed', passed: false, jobId: expect.stringMatching(/^test\./) });
});

it('only queues with --no-wait, and refuses a deactivated credential with exit 4', async () => {
  const queued = await cli(['credentials', 'test', 'local-pg', '--no-wait']);
  expect(queued).toMatchObject({ code: 0, stdout: expect.stringMatching(/^queued: job test\.\S+\n$/) });
  await cli(['credentials', 'delete', 'nowhere-pg']);
  const inactive = await cli(['credentials', 'test', 'nowhere-pg']);
  expect(inactive.code).toBe(4);
});
