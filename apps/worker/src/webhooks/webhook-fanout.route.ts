import { NOTIFYING_EVENT_TYPES } from '#domain';
import type { RecordedEvent } from '#event-store';
import { FANOUT_JOB, fanoutJobId, REPLAY_JOB, replayJobId, WEBHOOK_FANOUT_QUEUE } from '#runtime';
import type { JobRoute } from '../dispatch/job-route.js';

const REPLAY_REQUESTED = 'WebhookDeliveryReplayRequested';

export interface FanoutJobData {
  eventId: string;
}

export interface ReplayJobData {
  deliveryId: string;
  webhookId: string;
  eventId: string;
  replay: number;
}

/**
 * Every notifying event (see #domain notifications) becomes one fan-out job,
 * and every replay request one replay job; ids follow from the event, so a
 * redelivered event adds nothing.
 */
export const webhookFanoutRoute: JobRoute = {
  queue: WEBHOOK_FANOUT_QUEUE,
  eventTypes: [...NOTIFYING_EVENT_TYPES, REPLAY_REQUESTED],
  toJobs(event: RecordedEvent) {
    if (event.type === REPLAY_REQUESTED) {
      const { deliveryId, webhookId, eventId, replay } = event.data as ReplayJobData;
      return [{ name: REPLAY_JOB, jobId: replayJobId(deliveryId, replay), data: { deliveryId, webhookId, eventId, replay } }];
    }
    return [{ name: FANOUT_JOB, jobId: fanoutJobId(event.eventId), data: { eventId: event.eventId } satisfies FanoutJobData }];
  },
};
