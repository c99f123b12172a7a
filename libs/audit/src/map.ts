import type { RecordedEvent } from '#event-store';
import { CREDENTIAL_EVENTS, SYSTEM_EVENTS, type Describe, type EventData } from './describe.js';
import { scrub } from './details.js';
import { instantOr } from './instant.js';
import type { AuditEntry } from './types.js';

const DESCRIBE: Record<string, Describe> = { ...CREDENTIAL_EVENTS, ...SYSTEM_EVENTS };

// The members every event carries; they have their own columns.
const ENVELOPE_MEMBERS = new Set(['actor', 'at', 'credentialId']);

/** An event type nobody mapped yet still leaves an entry: its own name as action, its (scrubbed) data as details. */
const describeUnknown =
  (type: string): Describe =>
  (data) => ({
    action: type,
    details: Object.fromEntries(Object.entries(data).filter(([key]) => !ENVELOPE_MEMBERS.has(key))),
  });

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The audit entries one event stands for (pure). Actor and time come from
 * the event's data (`actor`, `at`) as every Keyledger event records them,
 * falling back to the metadata and the recording time.
 */
export function toAuditEntries(event: RecordedEvent): AuditEntry[] {
  const data = (event.data ?? {}) as EventData;
  const metadata = (event.metadata ?? {}) as EventData;
  const describe = DESCRIBE[event.type] ?? describeUnknown(event.type);
  const { action, outcome = 'success', details = {} } = describe(data);
  return [
    {
      position: event.globalPosition,
      transactionId: event.transactionId,
      entryIndex: 0,
      eventId: event.eventId,
      eventType: event.type,
      tenant: event.tenant,
      at: instantOr(data.at ?? metadata.now, event.recordedAt),
      actor: text(data.actor) ?? text(metadata.actor) ?? 'unknown',
      action,
      outcome,
      credentialId: text(data.credentialId),
      details: scrub(details),
    },
  ];
}
