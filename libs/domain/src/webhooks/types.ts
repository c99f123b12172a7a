// Webhooks: where a tenant's notifications are POSTed. A registration is a
// stream (`webhook-<id>`); its signing secret is never in an event (it is
// sealed in kl_webhook_secrets). Delivery outcomes worth auditing (a final
// failure, a replay request) are unversioned records on
// `webhook-delivery-<id>`, so deliveries never contend with a change of the
// registration.

import type { CommandMetadata } from '../credentials/types.js';
import type { NotificationType } from './notifications.js';

export const WEBHOOK_STREAM_TYPE = 'webhook';
export const webhookStreamId = (webhookId: string): string => `webhook-${webhookId}`;
export const WEBHOOK_DELIVERY_STREAM_TYPE = 'webhook_delivery';
export const webhookDeliveryStreamId = (webhookId: string): string => `webhook-delivery-${webhookId}`;

// Type aliases, not interfaces: event data must stay assignable to the event store's Record<string, unknown>.
export type WebhookSubscription = {
  url: string;
  /** Notification types, de-duplicated and sorted. */
  events: NotificationType[];
  description: string | null;
};

export type WebhookChanges = Partial<WebhookSubscription & { active: boolean }>;

export type RegisterWebhook = {
  type: 'RegisterWebhook';
  data: { webhookId: string; tenant: string; url: unknown; events: unknown; description?: unknown };
  metadata: CommandMetadata;
};
export type ChangeWebhook = {
  type: 'ChangeWebhook';
  data: { webhookId: string; changes: Record<string, unknown> };
  metadata: CommandMetadata;
};
export type DeleteWebhook = { type: 'DeleteWebhook'; data: { webhookId: string }; metadata: CommandMetadata };
export type WebhookCommand = RegisterWebhook | ChangeWebhook | DeleteWebhook;

type WebhookEventBase = { webhookId: string; actor: string; at: string };

export type WebhookRegistered = { type: 'WebhookRegistered'; data: WebhookEventBase & WebhookSubscription & { tenant: string } };
/** Only the fields that changed. */
export type WebhookChanged = { type: 'WebhookChanged'; data: WebhookEventBase & { changes: WebhookChanges } };
export type WebhookDeleted = { type: 'WebhookDeleted'; data: WebhookEventBase };
export type WebhookEvent = WebhookRegistered | WebhookChanged | WebhookDeleted;

/** The last try of a delivery failed; `error` is secret-free (a status or a network error). */
export type WebhookDeliveryFailed = {
  type: 'WebhookDeliveryFailed';
  data: WebhookEventBase & {
    deliveryId: string;
    eventId: string;
    notificationType: string;
    attempts: number;
    lastStatusCode: number | null;
    error: string;
  };
};

/** An admin asked to send a delivery again; `replay` numbers the replays of that delivery from 1. */
export type WebhookDeliveryReplayRequested = {
  type: 'WebhookDeliveryReplayRequested';
  data: WebhookEventBase & { deliveryId: string; eventId: string; replay: number };
};

export type Webhook = WebhookSubscription & {
  status: 'registered' | 'deleted';
  webhookId: string;
  tenant: string;
  active: boolean;
};

export type WebhookState = { status: 'absent' } | Webhook;
