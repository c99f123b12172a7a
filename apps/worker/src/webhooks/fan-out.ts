import type { MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { WebhookSettings } from '#config';
import { KeyledgerError, notificationOf } from '#domain';
import { DELIVER_JOB, deliveryJobId } from '#runtime';
import { createDeliveries } from '#webhooks';
import type { ReplayJobData } from './webhook-fanout.route.js';

export interface DeliveryJobData {
  deliveryId: string;
  /** Which replay of the delivery this job sends (0: the first). */
  replay: number;
}

const FIND_EVENT = `select event_id, tenant, type, data, extract(epoch from recorded_at) * 1000 as recorded_ms from kl_events where event_id = ?`;

/** Tries and exponential backoff of every delivery job (KEYLEDGER_WEBHOOK_ATTEMPTS, KEYLEDGER_WEBHOOK_BACKOFF). */
export function deliveryJobOptions(settings: WebhookSettings, jobId: string) {
  return { jobId, attempts: settings.attempts, backoff: { type: 'exponential', delay: settings.backoffMs } };
}

/**
 * One delivery per active webhook of the event's tenant subscribed to its
 * notification, then one job per delivery. Rows and job ids are
 * deterministic: a fan-out run twice adds nothing. Returns the job ids.
 */
export async function fanOut(orm: MikroORM, queue: Queue, settings: WebhookSettings, eventId: string): Promise<string[]> {
  const deliveries = await orm.em.fork().transactional(async (tx) => {
    const [event] = await tx.execute<{ tenant: string; type: string; data: Record<string, unknown>; recorded_ms: string }[]>(FIND_EVENT, [
      eventId,
    ]);
    if (!event) throw new KeyledgerError('NOT_FOUND', `event ${eventId} not found`);
    const notification = notificationOf(event);
    if (!notification) return [];
    return createDeliveries(tx, { eventId, tenant: event.tenant, recordedAt: new Date(Number(event.recorded_ms)) }, notification.type);
  });
  const jobs = deliveries.map((d) => ({ jobId: deliveryJobId(d.webhook_id, d.event_id, 0), data: { deliveryId: d.id, replay: 0 } }));
  await queue.addBulk(jobs.map(({ jobId, data }) => ({ name: DELIVER_JOB, data, opts: deliveryJobOptions(settings, jobId) })));
  return jobs.map((job) => job.jobId);
}

/** The job of a replay request: a fresh set of tries under the replay's own id. */
export async function enqueueReplay(queue: Queue, settings: WebhookSettings, replay: ReplayJobData): Promise<string> {
  const jobId = deliveryJobId(replay.webhookId, replay.eventId, replay.replay);
  const data: DeliveryJobData = { deliveryId: replay.deliveryId, replay: replay.replay };
  await queue.add(DELIVER_JOB, data, deliveryJobOptions(settings, jobId));
  return jobId;
}
