// Every BullMQ queue, job name, job scheduler and job id, in one place for
// the worker (which registers the queues, adds the jobs and processes them)
// and the API (whose dashboard shows the queues and whose POST
// /v1/credentials/{id}/test answers with a job id). Job data carries ids
// only, never a secret.
//
// Names and ids must not contain ':' (BullMQ uses it in its keys). Job ids
// are deterministic: the same request, event or time slot always yields the
// same id, so a job asked for twice is added once.

/**
 * A job id from its parts, joined with '.': BullMQ refuses ':' in custom ids
 * (it reserves it for its own keys) and ids that read as integers.
 */
export function jobIdOf(...parts: (string | number)[]): string {
  const text = parts.map(String);
  if (text.some((part) => part === '' || part.includes(':'))) {
    throw new Error(`job id parts must be non-empty and free of ':' (got ${JSON.stringify(text)})`);
  }
  return text.join('.');
}

// --- credential-tests: health checks, requested and scheduled ---

/** Health checks: requested and scheduled tests, and the scheduled scan that fans them out. */
export const CREDENTIAL_TESTS_QUEUE = 'credential-tests';
/** A requested check: `{ credentialId, requestId }`. */
export const TEST_JOB = 'test';
/** One credential's check in a scheduled slot: `{ credentialId, slotMs }`. */
export const SCHEDULED_TEST_JOB = 'scheduled-test';
/** The scheduled scan: finds the active credentials and fans out one SCHEDULED_TEST_JOB each. */
export const HEALTH_SCAN_JOB = 'scan';
/** Id of the job scheduler that repeats HEALTH_SCAN_JOB every KEYLEDGER_HEALTHCHECK_INTERVAL. */
export const HEALTH_SCAN_SCHEDULER_ID = 'credential-health-scan';

/** `test.<credentialId>.<requestId>`: returned by POST /v1/credentials/{id}/test, added by the worker's dispatcher route. */
export const credentialTestJobId = (credentialId: string, requestId: string): string => jobIdOf('test', credentialId, requestId);

/** `health.<credentialId>.<slotMs>`: the scheduled check of one credential in one time slot (slot start, epoch ms). */
export const scheduledTestJobId = (credentialId: string, slotMs: number): string => jobIdOf('health', credentialId, slotMs);

// --- expiry: the scheduled expiry scan and its reminders ---

/** The expiry scanner's scheduled job and the reminder jobs it fans out. */
export const EXPIRY_QUEUE = 'expiry';
/** The scheduled scan: finds the reminders due and fans out one REMIND_JOB per credential. */
export const EXPIRY_SCAN_JOB = 'scan';
/** One reminder: `{ credentialId, threshold, thresholdSeconds, expiresAt }`. */
export const REMIND_JOB = 'remind';
/** Id of the job scheduler that repeats EXPIRY_SCAN_JOB every KEYLEDGER_EXPIRY_SCAN_INTERVAL. */
export const EXPIRY_SCHEDULER_ID = 'expiry-scan';

/**
 * `expiry.<credentialId>.<threshold>.<expiresAt ms>`: per credential,
 * threshold and expiry date, so a second scan (or a late one that finds the
 * same) adds nothing.
 */
export function reminderJobId(reminder: { credentialId: string; threshold: string; expiresAt: string }): string {
  return jobIdOf('expiry', reminder.credentialId, reminder.threshold, Date.parse(reminder.expiresAt));
}

// --- webhook-fanout and webhook-delivery ---

/** One job per notifying event (and per replay request): finds the webhooks to deliver to. */
export const WEBHOOK_FANOUT_QUEUE = 'webhook-fanout';
/** A notifying event: `{ eventId }`. */
export const FANOUT_JOB = 'fanout';
/** A replay request: `{ deliveryId, webhookId, eventId, replay }`. */
export const REPLAY_JOB = 'replay';
/** One job per (webhook, event) delivery, retried with exponential backoff. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';
/** One delivery: `{ deliveryId, replay }`. */
export const DELIVER_JOB = 'deliver';

/** `fanout.<eventId>`. */
export const fanoutJobId = (eventId: string): string => jobIdOf('fanout', eventId);

/** `replay.<deliveryId>.<n>`: the n-th replay request of a delivery. */
export const replayJobId = (deliveryId: string, replay: number): string => jobIdOf('replay', deliveryId, replay);

/** `webhook.<webhookId>.<eventId>`, and `.replay.<n>` for the n-th replay. */
export function deliveryJobId(webhookId: string, eventId: string, replay: number): string {
  return replay === 0 ? jobIdOf('webhook', webhookId, eventId) : jobIdOf('webhook', webhookId, eventId, 'replay', replay);
}

// --- key-rotations: master-key rotations ---

/** Master-key rotations: the planning job, then the batch jobs it enqueues. */
export const KEY_ROTATION_QUEUE = 'key-rotations';
/** Counts a rotation's work and enqueues its batch jobs: `{ rotationId }`. */
export const PLAN_JOB = 'plan';
/** Takes batches of a rotation until none is left: `{ rotationId, batch }`. */
export const BATCH_JOB = 'batch';

/** `key-rotation.<rotationId>.plan`. */
export const keyRotationPlanJobId = (rotationId: string): string => jobIdOf('key-rotation', rotationId, PLAN_JOB);

/** `key-rotation.<rotationId>.batch.<n>` (n from 1). */
export const keyRotationBatchJobId = (rotationId: string, batch: number): string => jobIdOf('key-rotation', rotationId, BATCH_JOB, batch);

/** Every queue: the worker registers each one, the API's dashboard shows each one. */
export const QUEUE_NAMES: readonly string[] = [
  CREDENTIAL_TESTS_QUEUE,
  EXPIRY_QUEUE,
  WEBHOOK_FANOUT_QUEUE,
  WEBHOOK_DELIVERY_QUEUE,
  KEY_ROTATION_QUEUE,
];
