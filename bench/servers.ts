// Starting the two servers under test and putting the one credential in place.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serviceEnv } from '#runtime';
import { freePort, startServer, waitOutput, waitReady, type Server } from './processes.js';
import { openAiSecret } from './scenarios.js';
import { HOST, POOL_MAX, REDIS_PREFIX, REDIS_URL } from './settings.js';

// Compiled layout: this file is dist/bench/servers.js.
const API_MAIN = fileURLToPath(new URL('../apps/api/src/main.js', import.meta.url));
const WORKER_MAIN = fileURLToPath(new URL('../apps/worker/src/main.js', import.meta.url));
const BASELINE_MAIN = fileURLToPath(new URL('./baseline-server.js', import.meta.url));

/** Registers a child the moment it exists, so it is stopped even if it never gets ready. */
export type Track = (server: Server) => Server;

export interface KeyledgerSecrets {
  /** `k1:<base64 of 32 random bytes>`, fresh for every run. */
  masterKeys: string;
  bootstrapToken: string;
}

export function freshSecrets(): KeyledgerSecrets {
  return {
    masterKeys: `k1:${randomBytes(32).toString('base64')}`,
    bootstrapToken: randomBytes(24).toString('base64url'),
  };
}

export interface KeyledgerOptions {
  redisPrefix?: string;
  /** Added to (or replacing) the environment built here. */
  env?: Record<string, string>;
}

/**
 * The API as `npm run start:api` runs it, with its whole environment given
 * here. LOG_LEVEL=warn turns request logs off: one log line per request
 * would be measured too, and the baseline writes none. The reveal rate limit
 * is off: the benchmark reveals with one token far above any sane limit.
 */
export async function startKeyledger(
  databaseUrl: string,
  secrets: KeyledgerSecrets,
  track: Track,
  options: KeyledgerOptions = {},
): Promise<Server> {
  const port = await freePort();
  const server = track(
    startServer('keyledger-api', port, API_MAIN, [], {
      ...keyledgerEnv(databaseUrl, secrets, options.redisPrefix ?? REDIS_PREFIX),
      PORT: String(port),
      HOST,
      KEYLEDGER_REVEAL_RATE_LIMIT: '0',
      ...options.env,
    }),
  );
  await waitReady(server, '/health/ready');
  return server;
}

/**
 * A worker process with `env` as its whole environment, at info level: a
 * worker logs its start (what this waits for) and failures, nothing per job.
 * `port` is where it serves its metrics, when `env` asks it to.
 */
export async function startWorker(name: string, env: Record<string, string>, track: Track, port = 0): Promise<Server> {
  const worker = track(startServer(name, port, WORKER_MAIN, [], { ...env, LOG_LEVEL: 'info' }));
  await waitOutput(worker, 'connected to Postgres and Redis');
  return worker;
}

/**
 * What the API and the worker processes share: the whole environment they
 * get, with V8 and malloc sized as production starts them (serviceEnv).
 */
export function keyledgerEnv(databaseUrl: string, secrets: KeyledgerSecrets, redisPrefix: string): Record<string, string> {
  return serviceEnv({
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    KEYLEDGER_REDIS_PREFIX: redisPrefix,
    KEYLEDGER_MASTER_KEYS: secrets.masterKeys,
    KEYLEDGER_BOOTSTRAP_TOKEN: secrets.bootstrapToken,
    LOG_LEVEL: 'warn',
  });
}

export async function startBaseline(databaseUrl: string, tenant: string, track: Track): Promise<Server> {
  const port = await freePort();
  const args = ['--port', String(port), '--database-url', databaseUrl, '--tenant', tenant, '--pool-max', String(POOL_MAX)];
  const server = track(startServer('baseline', port, BASELINE_MAIN, args, {}));
  await waitReady(server, '/health');
  return server;
}

interface RevealBody {
  id: string;
  secret: string;
}

/** POST with the bearer token (and a JSON body if given); the status and the parsed answer. */
export async function call(server: Server, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

/**
 * Creates the credential every reveal reads, then reveals it once: the
 * benchmark refuses to measure an endpoint that does not return the secret.
 */
export async function seedCredential(server: Server, token: string, name = 'bench-reveal-target'): Promise<{ id: string; tenant: string }> {
  const secret = openAiSecret();
  const created = await call(server, '/v1/credentials', token, { name, type: 'openai', secret });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.json)}`);
  const id = created.json.id as string;
  const revealed = await call(server, `/v1/credentials/${id}/reveal`, token);
  const body = revealed.json as RevealBody;
  if (revealed.status !== 200 || body.id !== id || body.secret !== secret) {
    throw new Error(`reveal of ${id} answered ${revealed.status} without the secret that was stored`);
  }
  return { id, tenant: created.json.tenant as string };
}

/** The baseline must find the copied credential, or its figures would be of 404s. */
export async function checkBaseline(server: Server, credentialId: string): Promise<void> {
  const response = await fetch(`${server.baseUrl}/reveal/${credentialId}`, { method: 'POST' });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 200 || body.id !== credentialId) {
    throw new Error(`baseline reveal of ${credentialId} answered ${response.status}: ${JSON.stringify(body)}`);
  }
}
