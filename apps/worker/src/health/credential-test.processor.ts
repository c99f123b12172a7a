import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { CREDENTIAL_TESTS_QUEUE, HEALTH_SCAN_JOB, SCHEDULED_TEST_JOB, TEST_JOB } from '#runtime';
import { KeyledgerProcessor } from '../jobs/keyledger-processor.js';
import { CredentialCheck, type CheckReport } from './credential-check.service.js';
import { HealthScan, type ScanReport } from './health-scan.service.js';

/** Checks run network round trips, so a few run side by side in each worker. */
export const CREDENTIAL_TEST_CONCURRENCY = 4;

@Processor(CREDENTIAL_TESTS_QUEUE, { concurrency: CREDENTIAL_TEST_CONCURRENCY })
export class CredentialTestProcessor extends KeyledgerProcessor {
  constructor(
    private readonly check: CredentialCheck,
    private readonly scan: HealthScan,
  ) {
    super();
  }

  process(job: Job): Promise<CheckReport | ScanReport> {
    switch (job.name) {
      case TEST_JOB:
        return this.check.run(job.data.credentialId, { requestId: job.data.requestId, slot: null });
      case SCHEDULED_TEST_JOB:
        return this.check.run(job.data.credentialId, { requestId: null, slot: new Date(job.data.slotMs).toISOString() });
      case HEALTH_SCAN_JOB:
        return this.scan.fanOut();
      default:
        throw new Error(`unknown job ${job.name} on ${CREDENTIAL_TESTS_QUEUE}`);
    }
  }
}
