import { systemEnvironment } from '#event-store';
import { SEAL_KEY_OWNER } from '#secrets';
import { EnvKeyProvider, parseMasterKeys } from '#crypto';
import type { RotationDeps } from '#key-rotation';
import { Vault } from '#secrets';
import { TEST_MASTER_KEY, type TestApi } from './api.js';

/** The test keyring before a rotation (k1) and after the new key was put first (k2, k1). */
export const OLD_KEYS = `k1:${TEST_MASTER_KEY}`;
export const NEW_KEY = `k2:${Buffer.alloc(32, 11).toString('base64')}`;
export const ROTATED_KEYS = `${NEW_KEY},${OLD_KEYS}`;
/** These tests reveal every credential they made, far above the default per-principal limit. */
export const NO_REVEAL_LIMIT = { KEYLEDGER_REVEAL_RATE_LIMIT: '0' };
/** Workers of these tests rotate keys; scheduled health checks of thousands of credentials would only add load. */
export const NO_HEALTH_SCHEDULE = { KEYLEDGER_HEALTHCHECK_INTERVAL: 'off' };

export function keyProvider(masterKeys: string): EnvKeyProvider {
  return new EnvKeyProvider(parseMasterKeys({ KEYLEDGER_MASTER_KEYS: masterKeys }));
}

/** What a worker holding `masterKeys` passes to the rotation steps. */
export function rotationDeps(masterKeys: string, batchSize: number): RotationDeps {
  const keys = keyProvider(masterKeys);
  return { keys, vault: new Vault(keys), batchSize, env: systemEnvironment() };
}

/** Creates `count` credentials through the API, `concurrency` at a time; returns id -> secret. */
export async function createCredentials(api: TestApi, prefix: string, count: number, concurrency = 16): Promise<Map<string, string>> {
  const secrets = new Map<string, string>();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const n = next++;
      const secret = `sk-proj-${prefix}-${String(n).padStart(6, '0')}-${'s'.repeat(32)}`;
      const reply = await api.request('POST', '/v1/credentials', { body: { name: `${prefix}-${n}`, type: 'openai', secret } });
      if (reply.statusCode !== 201) throw new Error(`create ${prefix}-${n} answered ${reply.statusCode}: ${reply.body}`);
      secrets.set(reply.json().id, secret);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return secrets;
}

/** Reveals every credential; returns the ids whose answer is not the expected secret. */
export async function wrongReveals(api: TestApi, secrets: ReadonlyMap<string, string>, concurrency = 16): Promise<string[]> {
  const ids = [...secrets.keys()];
  const wrong: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const reply = await api.request('POST', `/v1/credentials/${id}/reveal`);
      if (reply.statusCode !== 200 || reply.json().secret !== secrets.get(id)) wrong.push(id);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return wrong;
}

/** Data keys per master key as GET /v1/keys counts them, less the event log's seal key (the worker creates it when it starts). */
export async function keyCounts(api: TestApi): Promise<Record<string, number>> {
  const { keys } = (await api.request('GET', '/v1/keys')).json<{ keys: { kekId: string; dataKeys: number }[] }>();
  const counts = Object.fromEntries(keys.map((k) => [k.kekId, k.dataKeys]));
  const seal = await api.orm.em
    .fork()
    .execute<{ kek_id: string }[]>('select kek_id from kl_data_keys where credential_id = ?', [SEAL_KEY_OWNER]);
  for (const { kek_id } of seal) counts[kek_id] = (counts[kek_id] ?? 0) - 1;
  return counts;
}
