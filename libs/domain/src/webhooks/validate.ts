import type { FieldIssue } from '../errors.js';
import { isNotificationType, NOTIFICATION_TYPES, type NotificationType } from './notifications.js';
import type { WebhookChanges } from './types.js';

const MAX_URL = 2048;
const MAX_DESCRIPTION = 500;
const CHANGEABLE = ['url', 'events', 'description', 'active'] as const;

/**
 * An http(s) URL without user or password: the URL is plain configuration
 * (it is in events and responses), so credentials in it would leak; a
 * receiver authenticates deliveries by their signature instead.
 */
function url(value: unknown, issues: FieldIssue[]): string | undefined {
  const parsed = typeof value === 'string' && value.length <= MAX_URL ? URL.parse(value.trim()) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    issues.push({ field: 'url', message: `must be an http:// or https:// URL of at most ${MAX_URL} characters` });
    return undefined;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    issues.push({ field: 'url', message: 'must not contain a user or password: receivers verify the signature instead' });
    return undefined;
  }
  return parsed.href;
}

function events(value: unknown, issues: FieldIssue[]): NotificationType[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    issues.push({ field: 'events', message: `must list one or more of ${NOTIFICATION_TYPES.join(', ')}` });
    return undefined;
  }
  const bad = value.findIndex((type) => !isNotificationType(type));
  if (bad >= 0) {
    issues.push({ field: `events.${bad}`, message: `unknown notification; one of ${NOTIFICATION_TYPES.join(', ')}` });
    return undefined;
  }
  return [...new Set(value as NotificationType[])].sort();
}

function description(value: unknown, issues: FieldIssue[]): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.length <= MAX_DESCRIPTION) return value;
  issues.push({ field: 'description', message: `must be text of at most ${MAX_DESCRIPTION} characters, or null` });
  return undefined;
}

/** Every field of a registration checked; the normalized settings when there is no issue. */
export function validateRegistration(input: { url: unknown; events: unknown; description?: unknown }) {
  const issues: FieldIssue[] = [];
  const settings = {
    url: url(input.url, issues),
    events: events(input.events, issues),
    description: description(input.description, issues),
  };
  return { issues, settings: settings as { url: string; events: NotificationType[]; description: string | null } };
}

/** The fields present in `input` checked and normalized. */
export function validateChanges(input: Record<string, unknown>): { issues: FieldIssue[]; changes: WebhookChanges } {
  const issues: FieldIssue[] = [];
  const changes: WebhookChanges = {};
  for (const key of Object.keys(input)) {
    if (!(CHANGEABLE as readonly string[]).includes(key))
      issues.push({ field: key, message: `unknown field; one of ${CHANGEABLE.join(', ')}` });
  }
  if (input.url !== undefined) changes.url = url(input.url, issues);
  if (input.events !== undefined) changes.events = events(input.events, issues);
  if (input.description !== undefined) changes.description = description(input.description, issues) ?? null;
  if (input.active !== undefined) {
    if (typeof input.active === 'boolean') changes.active = input.active;
    else issues.push({ field: 'active', message: 'must be true or false' });
  }
  return { issues, changes };
}
