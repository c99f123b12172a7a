import { credentialTestJobId } from '#credential-store';
import type { JobRoute } from '../dispatch/job-route.js';
import { CREDENTIAL_TESTS_QUEUE } from '../queues/queue-names.js';
import { TEST_JOB } from './health-jobs.js';

/** CredentialTestRequested -> one test job, under the id POST .../test answered with. */
export const credentialTestRoute: JobRoute = {
  queue: CREDENTIAL_TESTS_QUEUE,
  eventTypes: ['CredentialTestRequested'],
  toJobs: (event) => {
    const { credentialId, requestId } = event.data as { credentialId: string; requestId: string };
    return [{ name: TEST_JOB, jobId: credentialTestJobId(credentialId, requestId), data: { credentialId, requestId } }];
  },
};
