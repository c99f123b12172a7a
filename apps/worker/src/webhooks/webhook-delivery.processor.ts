import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job } from 'bullmq';
import type { KeyledgerConfig } from '#config';
import { webhookEgress } from '#egress';
import { Clock } from '#event-store';
import { CONFIG, ORM, WEBHOOK_DELIVERY_QUEUE } from '#runtime';
import { Vault } from '#secrets';
import { KeyledgerProcessor } from '../jobs/keyledger-processor.js';
import { deliverOnce, type DeliveryDeps, type DeliveryResult } from './deliver.js';
import type { DeliveryJobData } from './fan-out.js';

/** Receivers answer slowly or not at all: several deliveries are in flight per worker. */
const DELIVERY_CONCURRENCY = 8;

/**
 * Sends one delivery per job. A failed try throws, so BullMQ retries it with
 * the job's exponential backoff; the last one settles the delivery as failed
 * (listed and replayable through the API) and BullMQ keeps the job as failed.
 */
@Processor(WEBHOOK_DELIVERY_QUEUE, { concurrency: DELIVERY_CONCURRENCY })
export class WebhookDeliveryProcessor extends KeyledgerProcessor {
  private readonly deps: DeliveryDeps;

  constructor(@Inject(ORM) orm: MikroORM, @Inject(CONFIG) config: KeyledgerConfig, vault: Vault, clock: Clock) {
    super();
    this.deps = { orm, vault, settings: config.webhooks, egress: webhookEgress(config.egress), clock };
  }

  async process(job: Job<DeliveryJobData>): Promise<DeliveryResult> {
    const lastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const { result, error } = await deliverOnce(this.deps, job.data, lastTry);
    if (result === 'retry') throw new Error(`delivery failed (${error}); will retry`);
    if (result === 'failed') throw new UnrecoverableError(`delivery failed (${error}); kept as failed, replay it through the API`);
    return result;
  }
}
