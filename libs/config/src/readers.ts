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
