import type { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

/**
 * Runs `schedule` (upserting a job scheduler) now, and again each time the
 * worker's Redis connection is ready after a loss: a Redis that came back
 * empty (restarted without persistence) has lost its job schedulers, and no
 * one else would put them back before the next worker restart. Upserting an
 * existing scheduler changes nothing.
 */
export async function keepScheduled(redis: Redis, logger: Logger, schedule: () => Promise<void>): Promise<void> {
  await schedule();
  redis.on('ready', () => {
    schedule().catch((error: Error) => logger.warn(`could not put the job scheduler back: ${error.message}`));
  });
}
