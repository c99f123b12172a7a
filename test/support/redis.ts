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

/** Every value stored under `<prefix>:` (strings, hashes, lists, sets, sorted sets, streams) as one text, for leak searches. */
export async function redisContents(prefix: string): Promise<string> {
  const redis = new Redis(DEFAULT_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const parts: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}:*`, 'COUNT', 500);
      for (const key of keys) parts.push(key, JSON.stringify(await readKey(redis, key)));
      cursor = next;
    } while (cursor !== '0');
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

/** Whatever a Redis key holds (string, hash, list, set, sorted set, stream), as plain values. */
export async function readKey(redis: Redis, key: string): Promise<unknown> {
  switch (await redis.type(key)) {
    case 'string':
      return redis.get(key);
    case 'hash':
      return redis.hgetall(key);
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, '0', '-1');
    case 'stream':
      return redis.xrange(key, '-', '+');
    default:
      return null;
  }
}
