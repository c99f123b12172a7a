import type { MikroORM } from '@mikro-orm/postgresql';
import type { WebhookSettings } from '#config';
import { WORKER_ACTOR } from '#credential-store';
import { notificationOf } from '#domain';
import type { EgressPolicy } from '#egress';
import type { Clock } from '#event-store';
import type { Vault } from '#secrets';
import { openWebhookSecret, recordAttempt, recordDeliveryEvent, signatureHeader, type AttemptOutcome } from '#webhooks';
import { loadDeliveryToSend, type DeliveryToSend } from './delivery.sql.js';
import type { DeliveryJobData } from './fan-out.js';
import { postJson, type SendOutcome } from './send-webhook.js';

export type DeliveryResult = 'delivered' | 'retry' | 'failed' | 'skipped';

/** What a try did, and why it failed (secret-free), for the job's log line. */
export interface DeliveryOutcome {
  result: DeliveryResult;
  error: string | null;
}

export interface DeliveryDeps {
  orm: MikroORM;
  vault: Vault;
  settings: WebhookSettings;
  /** Where deliveries may connect (see #egress: webhookEgress). */
  egress: EgressPolicy;
  clock: Clock;
}

/** The JSON a receiver gets: the event id, its notification type and fields, never a secret or ciphertext. */
export function deliveryBody(delivery: DeliveryToSend): { type: string; body: string } | null {
  const notification = notificationOf({ type: delivery.event_type, data: delivery.event_data });
  if (!notification) return null;
  const at = delivery.event_data.at;
  const occurredAt = typeof at === 'string' ? at : new Date(Number(delivery.recorded_ms)).toISOString();
  const payload = { id: delivery.event_id, type: notification.type, tenant: delivery.tenant, occurredAt, data: notification.data };
  return { type: notification.type, body: JSON.stringify(payload) };
}

/**
 * One try of a delivery. Sends only while the delivery is pending under this
 * job's replay number, so a job run again after it settled (or an older
 * replay) sends nothing. A failure on the last try settles it as failed and
 * records WebhookDeliveryFailed; before that it is counted and retried.
 */
export async function deliverOnce(deps: DeliveryDeps, job: DeliveryJobData, lastTry: boolean): Promise<DeliveryOutcome> {
  const em = deps.orm.em.fork();
  const delivery = await loadDeliveryToSend(em, job.deliveryId);
  if (!delivery || delivery.status !== 'pending' || delivery.replays !== job.replay) return { result: 'skipped', error: null };
  const content = deliveryBody(delivery);
  if (!delivery.active || !delivery.url || !content) {
    return settle(deps, delivery, job, { ok: false, statusCode: null, error: 'webhook is inactive or deleted' }, true);
  }
  const secret = await openWebhookSecret(em, deps.vault, delivery.webhook_id);
  const headers = {
    'keyledger-event': content.type,
    'keyledger-delivery': delivery.id,
    'keyledger-signature': signatureHeader(secret, content.body, Math.floor(deps.clock.now().getTime() / 1000)),
  };
  const sent = await postJson(delivery.url, content.body, headers, deps.settings.timeoutMs, deps.egress);
  return settle(deps, delivery, job, sent, lastTry);
}

async function settle(
  deps: DeliveryDeps,
  delivery: DeliveryToSend,
  job: DeliveryJobData,
  sent: SendOutcome,
  lastTry: boolean,
): Promise<DeliveryOutcome> {
  const status = sent.ok ? 'delivered' : lastTry ? 'failed' : 'pending';
  const outcome: AttemptOutcome = { status, statusCode: sent.statusCode, error: sent.error };
  return deps.orm.em.fork().transactional(async (tx) => {
    const attempts = await recordAttempt(tx, delivery.id, job.replay, outcome);
    if (attempts === null) return { result: 'skipped', error: null };
    if (status === 'failed') {
      await recordDeliveryEvent(tx, delivery.tenant, {
        type: 'WebhookDeliveryFailed',
        data: {
          webhookId: delivery.webhook_id,
          deliveryId: delivery.id,
          eventId: delivery.event_id,
          notificationType: delivery.notification_type,
          attempts,
          lastStatusCode: sent.statusCode,
          error: sent.error ?? 'failed',
          actor: WORKER_ACTOR,
          at: deps.clock.now().toISOString(),
        },
      });
    }
    return { result: status === 'delivered' ? 'delivered' : status === 'failed' ? 'failed' : 'retry', error: sent.error };
  });
}
