import { CREDENTIAL_TESTS_QUEUE, credentialTestJobId, TEST_JOB } from '#runtime';
import type { JobRoute } from '../dispatch/job-route.js';

/** CredentialTestRequested -> one test job, under the id POST .../test answered with. */
export const credentialTestRoute: JobRoute = {
  queue: CREDENTIAL_TESTS_QUEUE,
  eventTypes: ['CredentialTestRequested'],
  toJobs: (event) => {
    const { credentialId, requestId } = event.data as { credentialId: string; requestId: string };
    return [{ name: TEST_JOB, jobId: credentialTestJobId(credentialId, requestId), data: { credentialId, requestId } }];
  },
};
