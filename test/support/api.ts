import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type KeyledgerConfig } from '#config';
import { createApi } from '../../apps/api/src/app.factory.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { deleteRedisKeys, testRedisPrefix } from './redis.js';

export const ADMIN_TOKEN = 'test-bootstrap-token-0123456789abcdef';
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

export interface Reply {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = any>(): T;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Bearer token; null sends none. Defaults to the bootstrap admin. */
  token?: string | null;
}

export interface TestApi {
  app: NestFastifyApplication;
  orm: MikroORM;
  config: KeyledgerConfig;
  databaseUrl: string;
  /** Every log line the API wrote. */
  logs: string[];
  /** Every response body this harness saw, for leak searches. */
  responses: { method: string; url: string; body: string }[];
  request(method: string, url: string, options?: RequestOptions): Promise<Reply>;
  close(): Promise<void>;
}

export function testEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    KEYLEDGER_MASTER_KEYS: `k1:${TEST_MASTER_KEY}`,
    KEYLEDGER_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export interface TestApiOptions {
  /** Serve this database (left open on close) instead of a fresh one. */
  database?: TestDatabase;
}

/** The whole API in-process on its own database, reached through Fastify's inject. */
export async function startTestApi(suite: string, env: Record<string, string> = {}, options: TestApiOptions = {}): Promise<TestApi> {
  const db = options.database ?? (await createTestDatabase(suite));
  // Redis keys (the reveal rate limit's counters, queues) apart per test file, unless the test says otherwise.
  const config = loadConfig(testEnv(db.url, { KEYLEDGER_REDIS_PREFIX: testRedisPrefix(suite), ...env }));
  const logs: string[] = [];
  const app = await createApi(config, { logStream: { write: (line: string) => void logs.push(line) } });
  const responses: TestApi['responses'] = [];
  return {
    app,
    orm: db.orm,
    config,
    databaseUrl: db.url,
    logs,
    responses,
    async request(method, url, options = {}) {
      const token = options.token === undefined ? ADMIN_TOKEN : options.token;
      const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers };
      const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
      if (payload !== undefined) headers['content-type'] ??= 'application/json';
      const reply = await app.inject({ method: method as 'GET', url, headers, payload });
      responses.push({ method, url, body: reply.body });
      return reply;
    },
    // The database and Redis keys this harness made go with it, also when closing the app fails.
    async close() {
      try {
        await app.close();
      } finally {
        if (!options.database) {
          await db.close();
          await deleteRedisKeys(config.redisPrefix);
        }
      }
    },
  };
}

export const openAiKey = (suffix = 'A1b2C3d4E5f6G7h8'): string => `sk-proj-${'x'.repeat(48)}${suffix}`;

/** A valid create body for the openai template; its purpose follows the name, so (host, purpose) stays unique. */
export function openAiCredential(name: string, secret = openAiKey()): Record<string, unknown> {
  return { name, type: 'openai', secret, purpose: `chat-${name}`, host: 'api.openai.com', labels: ['prod'] };
}

/**
 * Forgets the (host, purpose) reservations of a tenant, as for credentials
 * recorded before the pair was unique: the next create of a pair already in
 * use makes two active credentials share it, as such data can.
 */
export async function forgetHostPurposeReservations(orm: MikroORM, tenant = 'default'): Promise<void> {
  await orm.em.fork().execute('delete from kl_host_purpose_reservations where tenant = ?', [tenant], 'run');
}
