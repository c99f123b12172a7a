import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../../apps/worker/src/worker.factory.js';
import { startTestApi, type TestApi } from './api.js';
import type { TestDatabase } from './database.js';
import { deleteRedisKeys, testRedisPrefix } from './redis.js';

export interface HttpTestApi extends TestApi {
  /** `http://127.0.0.1:<port>`: the API listening on a real port, for clients in other processes. */
  url: string;
  port: number;
}

export interface HttpTestApiOptions {
  /** Also a worker (jobs, projections) in-process. */
  worker?: boolean;
  /** Serve this database (left open on close) instead of a fresh one. */
  database?: TestDatabase;
}

/** startTestApi, listening on a free port of 127.0.0.1, with its own Redis prefix. */
export async function startHttpTestApi(
  suite: string,
  env: Record<string, string> = {},
  options: HttpTestApiOptions = {},
): Promise<HttpTestApi> {
  const prefix = testRedisPrefix(suite);
  await deleteRedisKeys(prefix);
  const api = await startTestApi(suite, { KEYLEDGER_REDIS_PREFIX: prefix, ...env }, { database: options.database });
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (api.app.getHttpServer().address() as AddressInfo).port;
  let worker: INestApplicationContext | null = null;
  if (options.worker) worker = await createWorker(api.config, { logStream: { write: (line: string) => void api.logs.push(line) } });
  return {
    ...api,
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      try {
        await worker?.close();
      } finally {
        try {
          await api.close();
        } finally {
          await deleteRedisKeys(prefix);
        }
      }
    },
  };
}
