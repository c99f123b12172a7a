import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { KeyledgerConfig } from '#config';
import { CONFIG, CREDENTIAL_TESTS_QUEUE, HEALTH_SCAN_JOB, HEALTH_SCAN_SCHEDULER_ID, JOB_RETENTION, REDIS } from '#runtime';
import { keepScheduled } from '../jobs/keep-scheduled.js';

/**
 * Upserts the scan's job scheduler at boot (BullMQ 6 has no `repeat` job
 * option) and whenever Redis is back after a loss: every worker does, and the
 * scheduler id makes it one scheduler. An interval of 0 removes it.
 */
@Injectable()
export class HealthSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('HealthSchedule');

  constructor(
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @InjectQueue(CREDENTIAL_TESTS_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return keepScheduled(this.redis, this.logger, () => this.schedule());
  }

  private async schedule(): Promise<void> {
    const every = this.config.healthcheckIntervalMs;
    if (every === 0) {
      await this.queue.removeJobScheduler(HEALTH_SCAN_SCHEDULER_ID);
      this.logger.log('scheduled health checks are off');
      return;
    }
    await this.queue.upsertJobScheduler(
      HEALTH_SCAN_SCHEDULER_ID,
      { every },
      { name: HEALTH_SCAN_JOB, data: {}, opts: { attempts: 1, ...JOB_RETENTION } },
    );
    this.logger.log(`every active credential is tested every ${every / 1000} s`);
  }
}
