// What a webhook can subscribe to: a stable public name per notifying event,
// and the fields of the event a receiver gets. The fields are an allow-list,
// so a secret, a ciphertext or anything added to an event later never
// reaches a receiver unless it is listed here.

export const NOTIFICATION_TYPES = [
  'credential.expiring',
  'credential.expired',
  'credential.health_alert',
  'credential.rotated',
  'credential.destroyed',
  'key_rotation.completed',
  'key_rotation.failed',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Notification {
  type: NotificationType;
  data: Record<string, unknown>;
}

interface Source {
  type: NotificationType;
  fields: readonly string[];
}

const SOURCES: Readonly<Record<string, Source>> = {
  CredentialExpiryReminded: { type: 'credential.expiring', fields: ['credentialId', 'threshold', 'thresholdSeconds', 'expiresAt'] },
  CredentialExpired: { type: 'credential.expired', fields: ['credentialId', 'expiresAt'] },
  CredentialHealthAlerted: { type: 'credential.health_alert', fields: ['credentialId', 'error', 'requestId', 'slot'] },
  SecretRotated: { type: 'credential.rotated', fields: ['credentialId', 'secretVersion', 'actor'] },
  CredentialDestroyed: { type: 'credential.destroyed', fields: ['credentialId', 'actor'] },
  KeyRotationCompleted: { type: 'key_rotation.completed', fields: ['rotationId', 'total', 'done', 'failed', 'durationMs'] },
  KeyRotationFailed: { type: 'key_rotation.failed', fields: ['rotationId', 'total', 'done', 'failed', 'durationMs', 'reason'] },
};

/** Stored event types that notify webhooks. */
export const NOTIFYING_EVENT_TYPES: readonly string[] = Object.keys(SOURCES);

export function isNotificationType(value: unknown): value is NotificationType {
  return NOTIFICATION_TYPES.includes(value as NotificationType);
}

/** The notification a stored event makes, with only the listed fields; null if it notifies nobody. */
export function notificationOf(event: { type: string; data: Record<string, unknown> }): Notification | null {
  const source = Object.hasOwn(SOURCES, event.type) ? SOURCES[event.type] : undefined;
  if (!source) return null;
  const data: Record<string, unknown> = {};
  for (const field of source.fields) if (event.data[field] !== undefined) data[field] = event.data[field];
  return { type: source.type, data };
}
