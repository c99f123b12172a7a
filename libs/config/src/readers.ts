// Typed readers of single variables. A variable that is unset or blank takes
// its default: compose files often pass `${VAR:-}` through as an empty string.

import { ConfigError } from './config-error.js';

export type Env = Readonly<Record<string, string | undefined>>;

export function readRaw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function readString(env: Env, name: string, fallback: string, pattern: RegExp, rule: string): string {
  const value = readRaw(env, name) ?? fallback;
  if (!pattern.test(value)) throw new ConfigError(`${name} is invalid: ${rule}`);
  return value;
}

export function readUrl(env: Env, name: string, fallback: string, protocols: readonly string[]): string {
  const value = readRaw(env, name) ?? fallback;
  const url = URL.parse(value);
  if (url === null || !protocols.includes(url.protocol)) {
    const schemes = protocols.map((protocol) => `${protocol}//`).join(' or ');
    throw new ConfigError(`${name} is not a valid URL: expected ${schemes}host[:port]/...`);
  }
  return value;
}

export function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = readRaw(env, name);
  if (text === undefined) return fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function readChoice<T extends string>(env: Env, name: string, fallback: T, choices: readonly T[]): T {
  const text = readRaw(env, name)?.toLowerCase() ?? fallback;
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) throw new ConfigError(`${name} must be one of ${choices.join(', ')}`);
  return choice;
}

const DURATION = /^(\d+)(ms|s|m|h|d)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const OFF = new Set(['0', 'off']);

/**
 * A duration in milliseconds: a whole number of seconds (`90`) or with a unit
 * (`500ms`, `30s`, `15m`, `6h`, `1d`). With `allowOff`, `0` or `off` is 0.
 */
export function readDuration(
  env: Env,
  name: string,
  fallback: string,
  bounds: { minMs: number; maxMs: number; allowOff?: boolean },
): number {
  const text = (readRaw(env, name) ?? fallback).toLowerCase();
  if (bounds.allowOff && OFF.has(text)) return 0;
  const match = DURATION.exec(text);
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] ?? 's']! : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < bounds.minMs || ms > bounds.maxMs) {
    const off = bounds.allowOff ? ', or 0/off to disable' : '';
    throw new ConfigError(
      `${name} must be a duration such as 30s, 15m or 6h, from ${bounds.minMs / 1000} s to ${bounds.maxMs / 1000} s${off}`,
    );
  }
  return ms;
}
