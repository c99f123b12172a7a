/** Health checks: requested and scheduled tests, and the scheduled scan that fans them out. */
export const CREDENTIAL_TESTS_QUEUE = 'credential-tests';

/**
 * Every BullMQ queue of the worker, registered once in WorkerModule. A new
 * feature adds its queue here; names must not contain ':'.
 */
export const QUEUE_NAMES: readonly string[] = [CREDENTIAL_TESTS_QUEUE];
