/**
 * Every BullMQ queue of the worker, registered once in WorkerModule. The list
 * lives in #queues, so the API's dashboard shows the same queues; a new
 * feature adds its queue there. Names must not contain ':'.
 */
export { QUEUE_NAMES } from '#queues';
