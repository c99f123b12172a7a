import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { KeyledgerConfig } from '#config';
import { CONFIG, EXPIRY_QUEUE, EXPIRY_SCAN_JOB, EXPIRY_SCHEDULER_ID } from '#runtime';

/**
 * Upserts the scan's job scheduler at boot (BullMQ 6 has no `repeat` option):
 * one scheduler whatever the number of workers, its interval taken from the
 * latest booted worker's KEYLEDGER_EXPIRY_SCAN_INTERVAL. The first scan runs at once.
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @InjectQueue(EXPIRY_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      EXPIRY_SCHEDULER_ID,
      { every: this.config.expiry.scanIntervalMs },
      { name: EXPIRY_SCAN_JOB, data: {} },
    );
  }
}
