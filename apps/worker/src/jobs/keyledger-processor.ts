import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';

/**
 * Base of every processor: logs failures and connection errors (an 'error'
 * event nobody listens to would go to the console), and closes its BullMQ
 * worker before the ORM and Redis close, letting the job in hand finish.
 * Job data carries ids only; a processor loads what it needs in its own
 * forked EntityManager.
 */
export abstract class KeyledgerProcessor extends WorkerHost implements BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.logger.warn(`queue connection: ${error.message}`);
  }

  @OnWorkerEvent('failed')
  onJobFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${error.message}`);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.worker.close();
  }
}
