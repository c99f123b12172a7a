import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EnvKeyProvider } from '#crypto';
import { loadConfig } from '#config';
import { verifySealedLog, type CatchUpResult } from '#event-store';
import { loadSealKeyring } from '#secrets';
import { projectionConsumers } from '../../apps/worker/src/projections/projection-consumers.js';
import { ProjectionRunner, type ProjectionConsumer } from '../../apps/worker/src/projections/projection-runner.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { openAiCredential, startTestApi, testEnv, type TestApi } from '../support/api.js';
import { eventually, within } from '../support/async.js';
import { rowCount } from '../support/projections.js';

let api: TestApi;
const em = () => api.orm.em.fork();

beforeAll(async () => {
  api = await startTestApi('audit_projection_runner');
});
afterAll(() => api.close());

async function activity(name: string): Promise<void> {
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential(name) })).json();
  await api.request('POST', `/v1/credentials/${id}/reveal`);
}

/** Every consumer's table has caught up with the log. */
const caughtUp = async () => {
  const events = await rowCount(em(), 'kl_events');
  return (await rowCount(em(), 'kl_event_seals')) === events && (await rowCount(em(), 'kl_audit_trail')) === events;
};

describe('the worker', () => {
  it('keeps the seal, the audit trail and usage caught up, and stops cleanly on shutdown', async () => {
    const config = loadConfig(testEnv(api.databaseUrl, { KEYLEDGER_PROJECTION_INTERVAL_MS: '20', LOG_LEVEL: 'silent' }));
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), { logger: false });
    await worker.init();
    try {
      await activity('worker-1');
      await eventually(caughtUp, 20_000, 'worker caught up');
      await activity('worker-2');
      await eventually(caughtUp, 20_000, 'worker caught up again');
      // Usage is a consumer of its own: it may finish its batch after the seal and the trail.
      await eventually(async () => (await rowCount(em(), 'kl_credential_usage')) === 2, 20_000, 'usage caught up');
      expect(await verifySealedLog(em(), await loadSealKeyring(em(), new EnvKeyProvider(config.masterKeys)))).toMatchObject({ ok: true });
    } finally {
      await within(worker.close(), 5000, 'worker shutdown');
    }
  });
});

describe('ProjectionRunner', () => {
  it('logs a failing consumer and retries it with backoff, while the others keep running', async () => {
    const errors: Record<string, unknown>[] = [];
    let failing = 0;
    const broken: ProjectionConsumer = {
      name: 'broken',
      run: async (): Promise<CatchUpResult> => {
        failing += 1;
        throw new Error('database went away\nselect ... (statement text)');
      },
    };
    const keys = new EnvKeyProvider(api.config.masterKeys);
    const runner = new ProjectionRunner(
      api.orm,
      [broken, ...projectionConsumers(keys)],
      { intervalMs: 10, debounceMs: 5 },
      {
        error: (_, context) => void errors.push(context),
      },
    );
    runner.start();
    try {
      await activity('runner-1');
      await eventually(caughtUp, 20_000, 'healthy consumers caught up');
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await within(runner.stop(), 5000, 'runner stop');
    }
    // 10, 20, 40, 80, 160 ms...: a handful of attempts, not one every 10 ms.
    expect(failing).toBeGreaterThanOrEqual(3);
    expect(failing).toBeLessThan(16);
    expect(errors[0]).toMatchObject({ consumer: 'broken', error: 'Error: database went away', failures: 1, retryInMs: 20 });
    expect(errors.every((e) => e.consumer === 'broken')).toBe(true);
  });
});
