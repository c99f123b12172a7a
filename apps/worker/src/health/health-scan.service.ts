import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { KeyledgerConfig } from '#config';
import { CONFIG, CREDENTIAL_TESTS_QUEUE, ORM, SCHEDULED_TEST_JOB, scheduledTestJobId } from '#runtime';
import { testerFor, type TesterInput } from '#health-checks';

const PAGE_SIZE = 500;

// Active credentials of every tenant in id order (partial index from 0006).
const ACTIVE_PAGE = `select id, type, username, host, extra from kl_credentials
where status = 'active' and id > ?::uuid order by id limit ?`;

interface ActiveRow extends Omit<TesterInput, 'type'> {
  id: string;
  type: string;
}

export interface ScanReport {
  slotMs: number;
  queued: number;
}

/**
 * The scheduled scan (Infisical's scanner pattern): finds the active
 * credentials some check applies to and adds one job each, with an id per
 * credential and time slot (the interval-aligned start of the current
 * interval), so a late or doubled scan in the same slot adds nothing new.
 */
@Injectable()
export class HealthScan {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @InjectQueue(CREDENTIAL_TESTS_QUEUE) private readonly queue: Queue,
  ) {}

  async fanOut(now = Date.now()): Promise<ScanReport> {
    const interval = this.config.healthcheckIntervalMs || 1;
    const slotMs = Math.floor(now / interval) * interval;
    const em = this.orm.em.fork();
    let after = '00000000-0000-0000-0000-000000000000';
    let queued = 0;
    for (;;) {
      const rows = await em.execute<ActiveRow[]>(ACTIVE_PAGE, [after, PAGE_SIZE]);
      const jobs = rows
        .filter((row) => testerFor(row) !== undefined)
        .map((row) => ({
          name: SCHEDULED_TEST_JOB,
          data: { credentialId: row.id, slotMs },
          opts: { jobId: scheduledTestJobId(row.id, slotMs) },
        }));
      if (jobs.length > 0) await this.queue.addBulk(jobs);
      queued += jobs.length;
      if (rows.length < PAGE_SIZE) return { slotMs, queued };
      after = rows.at(-1)!.id;
    }
  }
}
