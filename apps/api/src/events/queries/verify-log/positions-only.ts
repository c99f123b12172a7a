import { UUID_SOURCE } from '#domain';

// The verify endpoint covers every tenant, so what it says about a bad event
// must not name another tenant's streams or events: only positions.
const STREAM_ID = /\bstream (?!row\b)[^\s:]+/g;
const EVENT_ID = new RegExp(`\\bevent ${UUID_SOURCE}\\b`, 'gi');

export function positionsOnly(reason: string): string {
  return reason.replace(STREAM_ID, 'its stream').replace(EVENT_ID, 'an event');
}
