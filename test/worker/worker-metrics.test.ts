import { createServer } from 'node:net';
import { HEAP_AFTER_GC_METRIC } from '#runtime';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { closedPort } from '../support/ports.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';
import { startTestWorker, type TestWorker } from '../support/worker.js';

const prefix = testRedisPrefix('worker_metrics');
let db: TestDatabase;
let worker: TestWorker | undefined;

beforeAll(async () => {
  db = await createTestDatabase('worker_metrics');
});
afterEach(async () => {
  await worker?.close();
  worker = undefined;
});
afterAll(async () => {
  await db.close();
  await deleteRedisKeys(prefix);
});

/** True when something accepts connections on 127.0.0.1:port. */
async function listening(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once('error', () => resolve(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

it('serves its process metrics at GET /metrics on the configured port, and stops serving when closed', async () => {
  const port = await closedPort();
  worker = await startTestWorker(db.url, { KEYLEDGER_REDIS_PREFIX: prefix, KEYLEDGER_WORKER_METRICS_PORT: String(port) });
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  expect(text).toMatch(/^keyledger_process_resident_memory_bytes \d+/m);
  expect(text).toMatch(new RegExp(`^${HEAP_AFTER_GC_METRIC} \\d+`, 'm'));
  expect(worker.logs.join('')).toContain(`serving metrics on http://127.0.0.1:${port}/metrics`);

  expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(405);

  await worker.close();
  worker = undefined;
  expect(await listening(port)).toBe(false);
}, 30000);

it('listens nowhere when no metrics port is configured', async () => {
  worker = await startTestWorker(db.url, { KEYLEDGER_REDIS_PREFIX: prefix });
  expect(worker.logs.join('')).not.toContain('serving metrics');
}, 30000);
