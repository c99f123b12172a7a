import { Inject } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { KeyledgerConfig } from '#config';
import { CONFIG, FANOUT_JOB, ORM, REPLAY_JOB, WEBHOOK_DELIVERY_QUEUE, WEBHOOK_FANOUT_QUEUE } from '#runtime';
import { KeyledgerProcessor } from '../jobs/keyledger-processor.js';
import { enqueueReplay, fanOut } from './fan-out.js';
import type { FanoutJobData, ReplayJobData } from './webhook-fanout.route.js';

/** Turns a notifying event into delivery jobs (one per subscribed webhook), and a replay request into one. */
@Processor(WEBHOOK_FANOUT_QUEUE)
export class WebhookFanoutProcessor extends KeyledgerProcessor {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @InjectQueue(WEBHOOK_DELIVERY_QUEUE) private readonly deliveries: Queue,
  ) {
    super();
  }

  async process(job: Job): Promise<{ deliveries: string[] }> {
    if (job.name === FANOUT_JOB) {
      return { deliveries: await fanOut(this.orm, this.deliveries, this.config.webhooks, (job.data as FanoutJobData).eventId) };
    }
    if (job.name === REPLAY_JOB) {
      return { deliveries: [await enqueueReplay(this.deliveries, this.config.webhooks, job.data as ReplayJobData)] };
    }
    throw new UnrecoverableError(`unknown job ${job.name}`);
  }
}
