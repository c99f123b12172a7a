import { Inject } from '@nestjs/common';
import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { KeyledgerConfig } from '#config';
import { Clock, IdSource } from '#event-store';
import { CONFIG, EXPIRY_QUEUE, EXPIRY_SCAN_JOB, ORM, REMIND_JOB } from '#runtime';
import { Vault } from '#secrets';
import { KeyledgerProcessor } from '../jobs/keyledger-processor.js';
import { enqueueDueReminders, type ReminderJobData } from './expiry-scan.js';
import { remindExpiry } from './remind-expiry.js';

/** The scheduled scan (fans out reminders) and each reminder (recorded through the domain). */
@Processor(EXPIRY_QUEUE)
export class ExpiryProcessor extends KeyledgerProcessor {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    private readonly vault: Vault,
    @InjectQueue(EXPIRY_QUEUE) private readonly queue: Queue,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    super();
  }

  async process(job: Job): Promise<{ reminders?: number; recorded?: string[] }> {
    if (job.name === EXPIRY_SCAN_JOB) {
      const due = await enqueueDueReminders(this.orm, this.queue, this.config.expiry.reminders, this.clock.now());
      return { reminders: due.length };
    }
    if (job.name === REMIND_JOB) {
      const events = await remindExpiry(this.orm, this.vault, { clock: this.clock, ids: this.ids }, job.data as ReminderJobData);
      return { recorded: events.map((event) => event.type) };
    }
    throw new UnrecoverableError(`unknown job ${job.name}`);
  }
}
