import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '#config';

/** Key prefix of one test file (`kl_test_<suite>`), e.g. for BullMQ's `prefix` option. */
export function testRedisPrefix(suite: string): string {
  if (!/^[a-z0-9_]{1,40}$/.test(suite)) throw new Error(`test suite name must match [a-z0-9_]: "${suite}"`);
  return `kl_test_${suite}`;
}

// Matches `<prefix>:*` (BullMQ writes `<prefix>:<queue>:...`), never
// `<prefix>*`: suite `a` must not delete the keys of suite `ab`.
/** Deletes every key under `<prefix>:`; returns how many were deleted. */
export async function deleteRedisKeys(prefix: string, client?: Redis): Promise<number> {
  const redis = client ?? new Redis(DEFAULT_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}:*`, 'COUNT', 500);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
    return deleted;
  } finally {
    if (client === undefined) redis.disconnect();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}
