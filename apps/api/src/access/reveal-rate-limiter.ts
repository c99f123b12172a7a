import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { KeyledgerConfig } from '#config';
import { AccessDeniedError } from '#domain';
import { CONFIG, REDIS } from '#runtime';

const CONNECT_WAIT_MS = 1000;

/**
 * Reveals and lookups per principal (KEYLEDGER_REVEAL_RATE_LIMIT per
 * KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS), counted in Redis so every API
 * process shares one budget. While Redis is not ready an in-memory limiter
 * of the same size counts per process instead: an outage neither blocks
 * reads nor lifts the limit.
 */
@Injectable()
export class RevealRateLimiter implements OnApplicationBootstrap {
  private readonly logger = new Logger('RevealRateLimiter');
  private readonly limiter: RateLimiterRedis | null;
  private redisDown = false;

  constructor(
    @Inject(CONFIG) config: KeyledgerConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    const points = config.revealRateLimit;
    const duration = config.revealRateWindowSeconds;
    this.limiter =
      points === 0
        ? null
        : new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${config.redisPrefix}:reveal-rate`,
            points,
            duration,
            // Fall back at once instead of waiting on a dead connection.
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory({ points, duration }),
          });
  }

  /** The API's Redis connects lazily; the limiter wants it from the first request (briefly waited for, never required). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.limiter) return;
    this.redis.on('error', (error: Error) => this.onRedisError(error));
    this.redis.on('ready', () => (this.redisDown = false));
    if (this.redis.status !== 'wait') return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)));
    await Promise.race([this.redis.connect().catch((error: Error) => this.onRedisError(error)), waited]);
    clearTimeout(timer);
  }

  /** Counts one read by `principalId`; throws RATE_LIMITED (429, Retry-After) past the limit. */
  async consume(principalId: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(principalId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AccessDeniedError('RATE_LIMITED', `too many reveals; retry in ${retryAfterSeconds} s`, 'rate_limited', {
        retryAfterSeconds,
      });
    }
  }

  private onRedisError(error: Error): void {
    if (this.redisDown) return;
    this.redisDown = true;
    this.logger.warn({ err: error }, 'Redis unavailable: reveal rate limit counted per process until it is back');
  }
}
