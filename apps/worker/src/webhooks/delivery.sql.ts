import type { EntityManager } from '@mikro-orm/postgresql';

/** A delivery with what sending it needs: its webhook's URL and the notifying event. */
export interface DeliveryToSend {
  id: string;
  tenant: string;
  webhook_id: string;
  event_id: string;
  notification_type: string;
  status: string;
  replays: number;
  url: string | null;
  active: boolean | null;
  event_type: string;
  event_data: Record<string, unknown>;
  recorded_ms: string;
}

// The webhook may be gone (deleted): left join, url and active null then.
const LOAD_DELIVERY = `select d.id, d.tenant, d.webhook_id, d.event_id, d.notification_type, d.status, d.replays, w.url, w.active,
  e.type as event_type, e.data as event_data, extract(epoch from e.recorded_at) * 1000 as recorded_ms
  from kl_webhook_deliveries d
  left join kl_webhooks w on w.id = d.webhook_id
  join kl_events e on e.event_id = d.event_id
  where d.id = ?`;

export async function loadDeliveryToSend(em: EntityManager, deliveryId: string): Promise<DeliveryToSend | null> {
  return (await em.execute<DeliveryToSend[]>(LOAD_DELIVERY, [deliveryId]))[0] ?? null;
}
