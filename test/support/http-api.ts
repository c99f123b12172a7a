import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorker } from '../../apps/worker/src/worker.factory.js';
import { startTestApi, type TestApi } from './api.js';
import { deleteRedisKeys, testRedisPrefix } from './redis.js';

export interface HttpTestApi extends TestApi {
  /** `http://127.0.0.1:<port>`: the API listening on a real port, for clients in other processes. */
  url: string;
  port: number;
}

/**
 * startTestApi, listening on a free port of 127.0.0.1, with its own Redis
 * prefix; with `worker`, also a worker (jobs, projections) in-process.
 */
export async function startHttpTestApi(
  suite: string,
  env: Record<string, string> = {},
  options: { worker?: boolean } = {},
): Promise<HttpTestApi> {
  const prefix = testRedisPrefix(suite);
  await deleteRedisKeys(prefix);
  const api = await startTestApi(suite, { KEYLEDGER_REDIS_PREFIX: prefix, ...env });
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (api.app.getHttpServer().address() as AddressInfo).port;
  let worker: INestApplicationContext | null = null;
  if (options.worker) worker = await createWorker(api.config, { logStream: { write: (line: string) => void api.logs.push(line) } });
  return {
    ...api,
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      await worker?.close();
      await api.close();
      await deleteRedisKeys(prefix);
    },
  };
}
