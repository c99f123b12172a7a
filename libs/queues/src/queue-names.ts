// Every BullMQ queue, in one place for the worker (which registers and
// processes them) and the API (whose dashboard shows them). Names must not
// contain ':' (BullMQ uses it in its keys).

/** Health checks: requested and scheduled tests, and the scheduled scan that fans them out. */
export const CREDENTIAL_TESTS_QUEUE = 'credential-tests';
/** The expiry scanner's scheduled job and the reminder jobs it fans out. */
export const EXPIRY_QUEUE = 'expiry';
/** One job per notifying event (and per replay request): finds the webhooks to deliver to. */
export const WEBHOOK_FANOUT_QUEUE = 'webhook-fanout';
/** One job per (webhook, event) delivery, retried with exponential backoff. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';
/** Master-key rotations: the planning job, then the batch jobs it enqueues. */
export const KEY_ROTATION_QUEUE = 'key-rotations';

export const QUEUE_NAMES: readonly string[] = [
  CREDENTIAL_TESTS_QUEUE,
  EXPIRY_QUEUE,
  WEBHOOK_FANOUT_QUEUE,
  WEBHOOK_DELIVERY_QUEUE,
  KEY_ROTATION_QUEUE,
];
