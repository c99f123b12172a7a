// Display helpers: dates relative to now, expiry warnings, a credential's key field.
import type { Credential } from './types.js';

const DAY_MS = 86_400_000;
export const EXPIRY_WARNING_DAYS = 14;

export function when(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const ms = Date.parse(iso);
  const diff = ms - now;
  const abs = Math.abs(diff);
  const unit = abs < 60_000 ? null : abs < 3_600_000 ? 'minute' : abs < DAY_MS ? 'hour' : abs < 45 * DAY_MS ? 'day' : null;
  if (abs < 60_000) return diff > 0 ? 'in a moment' : 'just now';
  if (!unit) return new Date(ms).toISOString().slice(0, 10);
  const size = unit === 'minute' ? 60_000 : unit === 'hour' ? 3_600_000 : DAY_MS;
  return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(Math.round(diff / size), unit);
}

export const exact = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString() : '');

export type ExpiryState = 'expired' | 'soon' | null;

export function expiry(credential: Pick<Credential, 'expiresAt' | 'expired'>, now = Date.now()): ExpiryState {
  if (credential.expired) return 'expired';
  if (!credential.expiresAt) return null;
  const left = Date.parse(credential.expiresAt) - now;
  if (left <= 0) return 'expired';
  return left <= EXPIRY_WARNING_DAYS * DAY_MS ? 'soon' : null;
}

/** What tells a credential apart at a glance: its host, subscription, model or base URL. */
export function keyField(credential: Pick<Credential, 'host' | 'extra'>): string {
  const extra = credential.extra ?? {};
  const pick = (key: string) => (typeof extra[key] === 'string' && extra[key] !== '' ? extra[key] : null);
  return (
    credential.host ??
    pick('subscription_id') ??
    pick('model') ??
    pick('base_url') ??
    pick('url') ??
    pick('region') ??
    pick('endpoint') ??
    ''
  );
}
