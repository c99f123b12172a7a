import type { EntityManager } from '@mikro-orm/postgresql';
import {
  WEBHOOK_DELIVERY_STREAM_TYPE,
  webhookDeliveryStreamId,
  type WebhookDeliveryFailed,
  type WebhookDeliveryReplayRequested,
} from '#domain';
import { appendUnversioned, type RecordedEvent } from '#event-store';

/**
 * The audit records of deliveries, on the webhook's unversioned delivery
 * stream: a final failure and a replay request. Successful attempts and
 * retries are only counted in kl_webhook_deliveries, to keep the log lean.
 */
export function recordDeliveryEvent(
  em: EntityManager,
  tenant: string,
  event: WebhookDeliveryFailed | WebhookDeliveryReplayRequested,
): Promise<RecordedEvent> {
  return appendUnversioned(em, webhookDeliveryStreamId(event.data.webhookId), event, { streamType: WEBHOOK_DELIVERY_STREAM_TYPE, tenant });
}
