// Public surface of #webhooks: webhook registrations (write path, read
// model, sealed signing secrets), deliveries and their signature, shared by
// the API (management, replay) and the worker (fan-out, delivery).
export { handleWebhookCommand, webhookDecider, type WebhookCommandRequest } from './webhook-writes.js';
export { findWebhook, listWebhooks, type WebhookRow } from './webhook-rows.js';
export { openWebhookSecret } from './webhook-secrets.js';
export {
  createDeliveries,
  DELIVERY_STATUSES,
  findDelivery,
  listDeliveries,
  recordAttempt,
  requestReplay,
  type AttemptOutcome,
  type DeliveryKey,
  type DeliveryRow,
  type DeliveryStatus,
  type NotifyingEvent,
} from './deliveries.js';
export { recordDeliveryEvent } from './delivery-records.js';
export { DEFAULT_TOLERANCE_SECONDS, MIN_SECRET_LENGTH, signatureHeader, verifySignature } from './signature.js';
