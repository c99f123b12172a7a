// Shapes of the Access page's answers: principals and tokens as the
// TypeScript client types them, webhooks and deliveries as the API answers
// them (GET /v1/webhooks, GET /v1/webhooks/{id}/deliveries).

export type { IssuedToken, NewPrincipal, Principal, PrincipalPage, Role, Token, TokenPage } from '#client';

/** What a webhook can subscribe to (the API's notification types). */
export const NOTIFICATION_TYPES = [
  'credential.expiring',
  'credential.expired',
  'credential.health_alert',
  'credential.rotated',
  'credential.destroyed',
  'key_rotation.completed',
  'key_rotation.failed',
] as const;

export interface Webhook {
  id: string;
  tenant: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  /** Also the ETag: changes send it as If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

/** The answer of a registration: a generated signing secret is in it, this once. */
export interface CreatedWebhook extends Webhook {
  secret?: string;
}

export interface WebhookPage {
  webhooks: Webhook[];
  nextCursor: string | null;
}

export interface NewWebhook {
  url: string;
  events: string[];
  secret?: string;
  description?: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  type: string;
  status: DeliveryStatus;
  /** Tries so far, replays included. */
  attempts: number;
  replays: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface DeliveryPage {
  deliveries: Delivery[];
  nextCursor: string | null;
}

export const ROLES = ['admin', 'operator', 'service', 'auditor'] as const;
