/**
 * Every BullMQ queue of the worker, registered once in WorkerModule. A new
 * feature adds its queue here; names must not contain ':'.
 */
export const QUEUE_NAMES: readonly string[] = [];
