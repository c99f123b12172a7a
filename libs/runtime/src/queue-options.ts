import type { BullRootModuleOptions } from '@nestjs/bullmq';
import type { KeyledgerConfig } from '#config';

const HOUR_SECONDS = 3600;

/** Where every queue lives: the Redis URL and the key prefix (tests isolate by prefix). */
export function queueConnection(config: { redisUrl: string; redisPrefix: string }): { connection: { url: string }; prefix: string } {
  return { connection: { url: config.redisUrl }, prefix: config.redisPrefix };
}

/**
 * How long finished jobs stay in Redis. While a job is kept, adding its id
 * again is a no-op: that is what makes a re-dispatch harmless. Handlers are
 * idempotent through the domain as well, for anything older.
 */
export const JOB_RETENTION = {
  removeOnComplete: { age: 7 * 24 * HOUR_SECONDS },
  removeOnFail: { age: 30 * 24 * HOUR_SECONDS },
} as const;

/**
 * Connection, key prefix (tests isolate by prefix) and job defaults shared by
 * every queue and processor. Only ids travel in job data: no secret reaches Redis.
 */
export function bullRootOptions(config: KeyledgerConfig): BullRootModuleOptions {
  return {
    ...queueConnection(config),
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      ...JOB_RETENTION,
    },
  };
}
