import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { KeyledgerConfig } from '#config';
import { CONFIG, EXPIRY_QUEUE, EXPIRY_SCAN_JOB, EXPIRY_SCHEDULER_ID, REDIS } from '#runtime';
import { keepScheduled } from '../jobs/keep-scheduled.js';

/**
 * Upserts the scan's job scheduler at boot (BullMQ 6 has no `repeat` option)
 * and whenever Redis is back after a loss: one scheduler whatever the number
 * of workers, its interval taken from the latest booted worker's
 * KEYLEDGER_EXPIRY_SCAN_INTERVAL. The first scan runs at once.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('ExpiryScheduler');

  constructor(
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @InjectQueue(EXPIRY_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return keepScheduled(this.redis, this.logger, () => this.schedule());
  }

  private async schedule(): Promise<void> {
    await this.queue.upsertJobScheduler(
      EXPIRY_SCHEDULER_ID,
      { every: this.config.expiry.scanIntervalMs },
      { name: EXPIRY_SCAN_JOB, data: {} },
    );
  }
}
