import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '#config';
import { testResourceName } from './namespace.js';

/** Key prefix of one test file, e.g. for BullMQ's `prefix` option. */
export function testRedisPrefix(suite: string): string {
  return testResourceName(suite);
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
