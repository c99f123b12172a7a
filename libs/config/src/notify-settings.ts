// Expiry reminders and webhook deliveries: durations written as `30d`, `7d`,
// `1h`, `15m`, `30s` (and `ms` where noted); `0` is the expiry itself.

import { ConfigError } from './config-error.js';
import { readChoice, readInteger, readRaw, type Env } from './readers.js';

/** One reminder threshold: how long before `expiresAt` it is due. */
export interface ExpiryThreshold {
  /** Canonical label (`30d`, `12h`, `0`): the same threshold always has the same label. */
  label: string;
  seconds: number;
}

export interface ExpirySettings {
  /** Most distant first; always ends with the expiry itself (0). */
  reminders: readonly ExpiryThreshold[];
  scanIntervalMs: number;
  /** Reveal and lookup of an expired credential answer 409 instead of the secret. */
  refuseExpired: boolean;
}

export interface WebhookSettings {
  /** Tries per delivery, the first included. */
  attempts: number;
  /** First retry delay; each next one doubles. */
  backoffMs: number;
  timeoutMs: number;
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d{1,9})(ms|s|m|h|d)$/;
const MAX_THRESHOLD_SECONDS = 366 * 86_400;
const MAX_THRESHOLDS = 10;

export const DEFAULT_EXPIRY_REMINDERS = '30d,7d,1d,0';

/** Milliseconds of `30s`, `15m`, `100ms`...; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase());
  return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : undefined;
}

/** The label of a threshold: the largest whole unit (`86400` -> `1d`, `90` -> `90s`). */
export function thresholdLabel(seconds: number): string {
  if (seconds === 0) return '0';
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** `30d,7d,1d,0` -> thresholds, most distant first, de-duplicated, the expiry itself always included. */
export function parseThresholds(text: string, name = 'KEYLEDGER_EXPIRY_REMINDERS'): ExpiryThreshold[] {
  const seconds = new Set([0]);
  for (const part of text.split(',')) {
    const ms = part.trim() === '0' ? 0 : parseDuration(part);
    if (ms === undefined || ms % 1000 !== 0 || ms / 1000 > MAX_THRESHOLD_SECONDS) {
      throw new ConfigError(`${name} must list durations like 30d,7d,1d,0 (units s m h d, at most 366d)`);
    }
    seconds.add(ms / 1000);
  }
  if (seconds.size > MAX_THRESHOLDS) throw new ConfigError(`${name} lists more than ${MAX_THRESHOLDS} thresholds`);
  return [...seconds].sort((a, b) => b - a).map((s) => ({ label: thresholdLabel(s), seconds: s }));
}

function readDuration(env: Env, name: string, fallback: string, minMs: number, maxMs: number): number {
  const ms = parseDuration(readRaw(env, name) ?? fallback);
  if (ms === undefined || ms < minMs || ms > maxMs) {
    throw new ConfigError(`${name} must be a duration from ${minMs} ms to ${maxMs / 1000} s, like 30s, 15m or 1h`);
  }
  return ms;
}

export function readExpirySettings(env: Env): ExpirySettings {
  return Object.freeze({
    reminders: Object.freeze(parseThresholds(readRaw(env, 'KEYLEDGER_EXPIRY_REMINDERS') ?? DEFAULT_EXPIRY_REMINDERS)),
    scanIntervalMs: readDuration(env, 'KEYLEDGER_EXPIRY_SCAN_INTERVAL', '1h', 1000, UNIT_MS.d),
    refuseExpired: readChoice(env, 'KEYLEDGER_REFUSE_EXPIRED', 'false', ['true', 'false']) === 'true',
  });
}

export function readWebhookSettings(env: Env): WebhookSettings {
  return Object.freeze({
    attempts: readInteger(env, 'KEYLEDGER_WEBHOOK_ATTEMPTS', 10, 1, 50),
    backoffMs: readDuration(env, 'KEYLEDGER_WEBHOOK_BACKOFF', '30s', 10, UNIT_MS.h),
    timeoutMs: readDuration(env, 'KEYLEDGER_WEBHOOK_TIMEOUT', '10s', 100, 60_000),
  });
}
