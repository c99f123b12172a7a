import type { EntityManager } from '@mikro-orm/postgresql';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryRow {
  id: string;
  tenant: string;
  webhook_id: string;
  event_id: string;
  notification_type: string;
  status: DeliveryStatus;
  attempts: number;
  replays: number;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  last_attempt_at: string | null;
  delivered_at: string | null;
}

/** A notifying event as the fan-out sees it. */
export interface NotifyingEvent {
  eventId: string;
  tenant: string;
  recordedAt: Date;
}

// One delivery per active webhook of the tenant subscribed to the type and
// registered before the event; a second fan-out of the same event adds none.
const CREATE_DELIVERIES = `insert into kl_webhook_deliveries (id, tenant, webhook_id, event_id, notification_type, status)
  select gen_random_uuid(), w.tenant, w.id, ?, ?, 'pending' from kl_webhooks w
  where w.tenant = ? and w.active and ? = any(w.events) and w.created_at <= ?::timestamptz
  on conflict (webhook_id, event_id) do nothing`;
const FIRST_TRIES = `select id, webhook_id, event_id, replays from kl_webhook_deliveries
  where event_id = ? and status = 'pending' and replays = 0 order by webhook_id`;
const FIND_DELIVERY = `select * from kl_webhook_deliveries where id = ? and webhook_id = ?`;
const LIST_DELIVERIES = `select * from kl_webhook_deliveries
  where webhook_id = ? and (?::text is null or status = ?::text) and (created_at, id) > (?::timestamptz, ?::uuid)
  order by created_at, id limit ?`;
// Guarded by the replay number and status: a stale job (an older replay, a
// delivery already settled) changes nothing.
const RECORD_ATTEMPT = `update kl_webhook_deliveries set attempts = attempts + 1, status = ?, last_status_code = ?,
  last_error = ?, last_attempt_at = now(), updated_at = now(),
  delivered_at = case when ? = 'delivered' then now() else delivered_at end
  where id = ? and replays = ? and status = 'pending' returning attempts`;
const REQUEST_REPLAY = `update kl_webhook_deliveries set status = 'pending', replays = replays + 1, updated_at = now()
  where id = ? and webhook_id = ? and status <> 'pending' returning replays, event_id`;

export interface DeliveryKey {
  id: string;
  webhook_id: string;
  event_id: string;
  replays: number;
}

/** Creates the deliveries of a notifying event; returns those never tried yet. */
export async function createDeliveries(tx: EntityManager, event: NotifyingEvent, notificationType: string): Promise<DeliveryKey[]> {
  const { eventId, tenant, recordedAt } = event;
  await tx.execute(CREATE_DELIVERIES, [eventId, notificationType, tenant, notificationType, recordedAt.toISOString()], 'run');
  return tx.execute<DeliveryKey[]>(FIRST_TRIES, [eventId]);
}

export async function findDelivery(em: EntityManager, webhookId: string, deliveryId: string): Promise<DeliveryRow | null> {
  return (await em.execute<DeliveryRow[]>(FIND_DELIVERY, [deliveryId, webhookId]))[0] ?? null;
}

export function listDeliveries(
  em: EntityManager,
  webhookId: string,
  status: DeliveryStatus | null,
  after: { createdAt: string; id: string },
  limit: number,
): Promise<DeliveryRow[]> {
  return em.execute<DeliveryRow[]>(LIST_DELIVERIES, [webhookId, status, status, after.createdAt, after.id, limit]);
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  statusCode: number | null;
  /** Secret-free: a status line or a network error code. */
  error: string | null;
}

/** Counts one attempt of replay `replay`; the number of attempts so far, or null if the delivery has moved on. */
export async function recordAttempt(
  tx: EntityManager,
  deliveryId: string,
  replay: number,
  outcome: AttemptOutcome,
): Promise<number | null> {
  const params = [outcome.status, outcome.statusCode, outcome.error, outcome.status, deliveryId, replay];
  const rows = await tx.execute<{ attempts: number }[]>(RECORD_ATTEMPT, params);
  return rows[0]?.attempts ?? null;
}

/** Sets a settled delivery pending again; its new replay number, or null if it is pending already or unknown. */
export async function requestReplay(
  tx: EntityManager,
  webhookId: string,
  deliveryId: string,
): Promise<{ replays: number; eventId: string } | null> {
  const [row] = await tx.execute<{ replays: number; event_id: string }[]>(REQUEST_REPLAY, [deliveryId, webhookId]);
  return row ? { replays: row.replays, eventId: row.event_id } : null;
}
