import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ADMIN_TOKEN } from '../support/api.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { live } from '../support/live-process.js';
import { createPrincipal } from '../support/principals.js';

// The Python client (clients/python) against the real API on a real port:
// its script makes the virtual environment, builds and installs the wheel,
// runs ruff, mypy --strict and pytest, whose integration tests reveal, look
// up and read the audit trail through this API as a service of one team.
const script = fileURLToPath(new URL('../../clients/python/scripts/test.sh', import.meta.url));
const TEAM = 'python-client';
// Creating the virtual environment the first time installs the pinned test tools.
const FIRST_RUN_MS = 600_000;

let api: HttpTestApi;
beforeAll(async () => {
  api = await startHttpTestApi('client_python', { KEYLEDGER_REVEAL_RATE_LIMIT: '1000' });
});
afterAll(() => api.close());

it(
  'passes its pytest suite, integration tests included, with nothing skipped',
  async () => {
    const service = await createPrincipal(api, 'service', { teams: [TEAM] });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KEYLEDGER_ADDR: api.url,
      KEYLEDGER_TOKEN: service.token,
      KEYLEDGER_TEST_ADMIN_TOKEN: ADMIN_TOKEN,
      KEYLEDGER_TEST_TEAM: TEAM,
    };
    delete env.KEYLEDGER_CACERT;
    const run = live(spawn('bash', [script, '-q', '-rs'], { env }), FIRST_RUN_MS);
    const code = await run.exit();
    const output = run.output();
    if (code !== 0) throw new Error(`clients/python/scripts/test.sh exited with ${code}:\n${output}`);
    const summary = output.trim().split('\n').pop()!;
    expect(summary).toMatch(/^\d+ passed in /);
    expect(Number(/^(\d+) passed/.exec(summary)![1])).toBeGreaterThanOrEqual(60);
  },
  FIRST_RUN_MS + 60_000,
);
