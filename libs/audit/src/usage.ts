import { UUID } from '#domain';
import type { RecordedEvent } from '#event-store';
import { instantOr } from './instant.js';

export interface CredentialUsage {
  /** ISO-8601 instant of the latest reveal or lookup. */
  lastUsedAt: string;
  /** Reveals and lookups: each returned the secret. */
  reveals: number;
}

/** Per credential, the latest use and the number of uses among `events` (pure). */
export function usageOf(events: RecordedEvent[]): Map<string, CredentialUsage> {
  const usage = new Map<string, CredentialUsage>();
  for (const event of events) {
    const id = event.data?.credentialId;
    if (event.type !== 'SecretRevealed' || typeof id !== 'string' || !UUID.test(id)) continue;
    const at = instantOr(event.data.at, event.recordedAt);
    const seen = usage.get(id.toLowerCase());
    usage.set(id.toLowerCase(), {
      lastUsedAt: seen === undefined || at > seen.lastUsedAt ? at : seen.lastUsedAt,
      reveals: (seen?.reveals ?? 0) + 1,
    });
  }
  return usage;
}
