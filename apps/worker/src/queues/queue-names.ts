// Every queue name lives in #queues, so the API's dashboard shows the same
// queues the worker registers; this file re-exports them for the worker.
export { CREDENTIAL_TESTS_QUEUE, EXPIRY_QUEUE, KEY_ROTATION_QUEUE, QUEUE_NAMES, WEBHOOK_DELIVERY_QUEUE, WEBHOOK_FANOUT_QUEUE } from '#queues';
