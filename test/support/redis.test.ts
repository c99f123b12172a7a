import { Redis } from 'ioredis';
import { DEFAULT_REDIS_URL } from '#config';
import { deleteRedisKeys, testRedisPrefix } from './redis.js';

describe('test Redis helpers', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(DEFAULT_REDIS_URL);
  });
  afterAll(() => redis.quit());

  it('derive a prefix from the suite name and refuse names that are not plain', () => {
    expect(testRedisPrefix('support_redis')).toMatch(/^kl_test_[0-9a-f]{6}_support_redis$/);
    expect(() => testRedisPrefix('a*b')).toThrow();
  });

  it('delete the keys under the prefix and nothing else, including a suite whose name extends it', async () => {
    const prefix = testRedisPrefix('support_redis');
    const neighbour = `${testRedisPrefix('support_redis_x')}:q:1`;
    const keys = Array.from({ length: 1200 }, (_, i) => `${prefix}:q:${i}`);
    await redis.mset(...keys.flatMap((k) => [k, '1']), neighbour, '1');
    expect(await deleteRedisKeys(prefix, redis)).toBe(1200);
    expect(await redis.exists(...keys.slice(0, 10))).toBe(0);
    expect(await redis.get(neighbour)).toBe('1');
    expect(await deleteRedisKeys(testRedisPrefix('support_redis_x'))).toBe(1);
  });
});
