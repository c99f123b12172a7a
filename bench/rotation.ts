// Master-key rotation speed: data keys rewrapped per second by worker
// processes, from the request to the completed rotation, on its own database.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { recreateDatabase } from './database.js';
import { stopServer, type Server } from './processes.js';
import { clearRedisPrefix } from './redis-keys.js';
import { keyledgerEnv, startKeyledger, startWorker, type KeyledgerSecrets, type Track } from './servers.js';
import { seedDataKeys } from './rotation-seed.js';
import * as settings from './settings.js';

const POLL_MS = 100;

export interface RotationSpeed {
  dataKeys: number;
  workers: number;
  /** From the request to KeyRotationCompleted, as the rotation's progress reports it. */
  seconds: number;
  keysPerSecond: number;
  status: string;
  /** Data keys still under the old master key afterwards (GET /v1/keys): 0 or the run is wrong. */
  leftUnderOldKey: number;
}

async function call(api: Server, token: string, method: string, path: string): Promise<any> {
  const response = await fetch(`${api.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Requests a master-key rotation (to the first key of the API's keyring); its id. */
export async function requestRotation(api: Server, token: string): Promise<string> {
  const { rotationId } = await call(api, token, 'POST', '/v1/keys/rotations');
  return rotationId as string;
}

/** Polls the rotation's progress until it has completed or failed; the last progress. */
export async function awaitRotationEnd(api: Server, token: string, rotationId: string): Promise<any> {
  const deadline = Date.now() + settings.ROTATION_TIMEOUT_MS;
  for (;;) {
    const progress = await call(api, token, 'GET', `/v1/keys/rotations/${rotationId}`);
    if (progress.status === 'completed' || progress.status === 'failed') return progress;
    if (Date.now() > deadline) throw new Error(`rotation not done within ${settings.ROTATION_TIMEOUT_MS} ms: ${JSON.stringify(progress)}`);
    await sleep(POLL_MS);
  }
}

/** Seeds the data keys under k1, starts the API and the workers with k2 first, rotates, stops them. */
export async function measureRotation(track: Track, log: (line: string) => void): Promise<RotationSpeed> {
  const url = settings.databaseUrl(settings.ROTATION_DATABASE);
  await recreateDatabase(settings.ROTATION_DATABASE);
  await clearRedisPrefix(settings.ROTATION_REDIS_PREFIX);
  const oldKey = { id: 'k1', key: randomBytes(32) };
  log(`rotation: seeding ${settings.ROTATION_DATA_KEYS} data keys under the old master key`);
  await seedDataKeys(url, settings.ROTATION_DATA_KEYS, oldKey);
  const secrets: KeyledgerSecrets = {
    masterKeys: `k2:${randomBytes(32).toString('base64')},k1:${oldKey.key.toString('base64')}`,
    bootstrapToken: randomBytes(24).toString('base64url'),
  };
  const api = await startKeyledger(url, secrets, track, { redisPrefix: settings.ROTATION_REDIS_PREFIX });
  const env = keyledgerEnv(url, secrets, settings.ROTATION_REDIS_PREFIX);
  const workers = await Promise.all(
    Array.from({ length: settings.ROTATION_WORKERS }, (_, i) => startWorker(`keyledger-worker-${i + 1}`, env, track)),
  );
  try {
    log(`rotation: rewrapping with ${settings.ROTATION_WORKERS} workers`);
    const rotationId = await requestRotation(api, secrets.bootstrapToken);
    const progress = await awaitRotationEnd(api, secrets.bootstrapToken, rotationId);
    const seconds = (Date.parse(progress.finishedAt) - Date.parse(progress.startedAt)) / 1000;
    const { keys } = await call(api, secrets.bootstrapToken, 'GET', '/v1/keys');
    return {
      dataKeys: progress.done,
      workers: settings.ROTATION_WORKERS,
      seconds,
      keysPerSecond: progress.done / seconds,
      status: progress.status,
      leftUnderOldKey: keys.find((k: { kekId: string }) => k.kekId === 'k1')?.dataKeys ?? 0,
    };
  } finally {
    await Promise.all([api, ...workers].map(stopServer));
  }
}
