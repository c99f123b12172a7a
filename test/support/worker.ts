import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '#config';
import { createWorker } from '../../apps/worker/src/worker.factory.js';
import { testEnv } from './api.js';

export interface TestWorker {
  app: INestApplicationContext;
  /** Every log line the worker wrote. */
  logs: string[];
  close(): Promise<void>;
}

/** The whole worker in-process (dispatcher, processors, scheduler) on a test database and Redis prefix. */
export async function startTestWorker(databaseUrl: string, env: Record<string, string>): Promise<TestWorker> {
  const logs: string[] = [];
  const config = loadConfig(testEnv(databaseUrl, env));
  const app = await createWorker(config, { logStream: { write: (line: string) => void logs.push(line) } });
  return { app, logs, close: () => app.close() };
}
