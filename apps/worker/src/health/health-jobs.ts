// Job names on the credential-tests queue; job data carries ids only.

/** A requested check: `{ credentialId, requestId }`. */
export const TEST_JOB = 'test';
/** One credential's check in a scheduled slot: `{ credentialId, slotMs }`. */
export const SCHEDULED_TEST_JOB = 'scheduled-test';
/** The scheduled scan: finds the active credentials and fans out one SCHEDULED_TEST_JOB each. */
export const SCAN_JOB = 'scan';
/** Id of the job scheduler that repeats SCAN_JOB every KEYLEDGER_HEALTHCHECK_INTERVAL. */
export const SCAN_SCHEDULER_ID = 'credential-health-scan';
