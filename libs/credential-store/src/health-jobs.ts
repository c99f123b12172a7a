// Ids of the health-check jobs. Deterministic, so a job asked for twice is
// added once; '.'-separated because BullMQ refuses ':' in custom ids.

/** A requested check: returned by POST /v1/credentials/{id}/test, used by the worker's dispatcher route. */
export const credentialTestJobId = (credentialId: string, requestId: string): string => `test.${credentialId}.${requestId}`;

/** The scheduled check of one credential in one time slot (slot start, epoch ms). */
export const scheduledTestJobId = (credentialId: string, slotMs: number): string => `health.${credentialId}.${slotMs}`;
