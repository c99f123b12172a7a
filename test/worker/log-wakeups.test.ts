import { EnvKeyProvider } from '#crypto';
import { projectionConsumers } from '../../apps/worker/src/projections/projection-consumers.js';
import { ProjectionRunner } from '../../apps/worker/src/projections/projection-runner.js';
import { LogWakeups } from '../../apps/worker/src/wakeups/log-wakeups.js';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { eventually, within } from '../support/async.js';
import { testDatabaseName } from '../support/database.js';
import { rowCount } from '../support/projections.js';
import { testRedisPrefix } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { startTestWorker } from '../support/worker.js';

const SUITE = 'worker_log_wakeups';
// Far longer than any wait below: what arrives sooner was woken by NOTIFY.
const NEVER_MS = 60_000;
const WOKEN_WITHIN_MS = 15_000;

let api: TestApi;
const em = () => api.orm.em.fork();

beforeAll(async () => {
  api = await startTestApi(SUITE);
});
afterAll(() => api.close());

/** Creates and reveals a credential; returns its id. */
async function createAndReveal(name: string): Promise<string> {
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential(name) })).json();
  expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(200);
  return id;
}

const revealedInTrail = async (id: string) =>
  (
    await em().execute<{ n: number }[]>(`select count(*)::int as n from kl_audit_trail where credential_id = ? and action = 'revealed'`, [
      id,
    ])
  )[0]!.n === 1;
const usageOf = async (id: string) =>
  (
    await em().execute<{ n: number }[]>(
      `select coalesce(sum(reveal_count), 0)::int as n from kl_credential_usage where credential_id = ?`,
      [id],
    )
  )[0]!.n;
const caughtUp = async () => (await rowCount(em(), 'kl_audit_trail')) === (await rowCount(em(), 'kl_events'));

describe('the worker', () => {
  it('projects a reveal into the audit trail and usage when it is appended, long before the poll interval', async () => {
    const worker = await startTestWorker(api.databaseUrl, {
      KEYLEDGER_REDIS_PREFIX: testRedisPrefix(SUITE),
      KEYLEDGER_PROJECTION_INTERVAL_MS: String(NEVER_MS),
    });
    try {
      await createAndReveal('before-start');
      await eventually(caughtUp, WOKEN_WITHIN_MS, 'the first catch-up');
      for (const name of ['woken-1', 'woken-2']) {
        const startedAt = Date.now();
        const id = await createAndReveal(name);
        await eventually(async () => (await revealedInTrail(id)) && (await usageOf(id)) === 1, WOKEN_WITHIN_MS, `${name} projected`);
        expect(Date.now() - startedAt).toBeLessThan(WOKEN_WITHIN_MS);
      }
    } finally {
      await within(worker.close(), 10_000, 'worker shutdown');
    }
  });
});

describe('LogWakeups', () => {
  let proxy: TcpProxy;
  const logs: string[] = [];
  const log = { info: (m: string) => void logs.push(`info ${m}`), warn: (m: string) => void logs.push(`warn ${m}`) };
  const viaProxy = () => `postgres://postgres@127.0.0.1:${proxy.port}/${testDatabaseName(SUITE)}`;

  /** A runner woken by `wakeups` (listening through the proxy) and polling every `intervalMs`. */
  function runnerWith(wakeups: LogWakeups, intervalMs: number): ProjectionRunner {
    const runner = new ProjectionRunner(
      api.orm,
      projectionConsumers(new EnvKeyProvider(api.config.masterKeys)),
      { intervalMs, debounceMs: 5 },
      {
        error: () => undefined,
      },
    );
    wakeups.subscribe(() => runner.wake());
    return runner;
  }

  beforeEach(async () => {
    logs.length = 0;
    proxy = await startTcpProxy(5432, 'postgres');
  });
  afterEach(() => proxy.close());

  it('leaves the consumers polling while it cannot listen: they still catch up', async () => {
    await proxy.pause();
    const wakeups = new LogWakeups(viaProxy(), log, { retryMs: 50, maxRetryMs: 200 });
    const runner = runnerWith(wakeups, 200);
    wakeups.start();
    runner.start();
    try {
      const id = await createAndReveal('unheard');
      await eventually(async () => (await revealedInTrail(id)) && (await usageOf(id)) === 1, WOKEN_WITHIN_MS, 'polled catch-up');
      await eventually(async () => logs.some((l) => l.startsWith('warn not listening for appends')), WOKEN_WITHIN_MS, 'the warning');
      expect(logs.filter((l) => l.startsWith('warn'))).toHaveLength(1);
    } finally {
      await runner.stop();
      await wakeups.stop();
    }
  });

  it('listens again after losing its connection, and wakes the consumers once it is back', async () => {
    const wakeups = new LogWakeups(viaProxy(), log, { retryMs: 50, maxRetryMs: 200 });
    let wakes = 0;
    wakeups.subscribe(() => (wakes += 1));
    const runner = runnerWith(wakeups, NEVER_MS);
    wakeups.start();
    runner.start();
    try {
      await eventually(async () => wakes > 0, WOKEN_WITHIN_MS, 'listening');
      await eventually(caughtUp, WOKEN_WITHIN_MS, 'the first catch-up');
      await proxy.pause();
      await eventually(async () => logs.some((l) => l.startsWith('warn not listening for appends')), WOKEN_WITHIN_MS, 'the loss noticed');
      await proxy.resume();
      await eventually(async () => logs.includes('info listening for appends to the log again'), WOKEN_WITHIN_MS, 'listening again');
      const id = await createAndReveal('heard-again');
      await eventually(async () => (await revealedInTrail(id)) && (await usageOf(id)) === 1, WOKEN_WITHIN_MS, 'woken catch-up');
    } finally {
      await runner.stop();
      await wakeups.stop();
    }
  });
});
