// The soak's flags: how long, how many connections, how often a sample.
import { parseArgs } from 'node:util';
import * as settings from './settings.js';

export interface SoakOptions {
  durationSeconds: number;
  connections: number;
  intervalSeconds: number;
}

const USAGE = 'usage: npm run soak -- [--duration 10m] [--connections 32] [--interval 30s]';

/** Seconds from `600`, `90s` or `10m`. */
export function parseSeconds(text: string, flag: string): number {
  const match = /^(\d+)(s|m)?$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (match[2] === 'm' ? 60 : 1) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1)
    throw new Error(`--${flag} must be whole seconds (600, 90s) or minutes (10m)\n${USAGE}`);
  return seconds;
}

export function readSoakOptions(args: string[]): SoakOptions {
  const { values } = parseArgs({
    args,
    options: { duration: { type: 'string' }, connections: { type: 'string' }, interval: { type: 'string' } },
  });
  const durationSeconds = values.duration === undefined ? settings.SOAK_DURATION_SECONDS : parseSeconds(values.duration, 'duration');
  const intervalSeconds = values.interval === undefined ? settings.SOAK_INTERVAL_SECONDS : parseSeconds(values.interval, 'interval');
  const connections = values.connections === undefined ? settings.SOAK_CONNECTIONS : Number(values.connections);
  if (!Number.isSafeInteger(connections) || connections < 1 || connections > 1000) {
    throw new Error(`--connections must be an integer from 1 to 1000\n${USAGE}`);
  }
  if (intervalSeconds > durationSeconds) throw new Error(`--interval may not be longer than --duration\n${USAGE}`);
  return { durationSeconds, connections, intervalSeconds };
}
