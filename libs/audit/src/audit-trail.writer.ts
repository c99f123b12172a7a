import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEntry } from './types.js';

// One statement per batch. MikroORM renders a null inside an array parameter
// as nothing, so a missing credential id travels as '' (never a real id).
// The primary key makes a replayed entry a no-op.
const INSERT_ENTRIES = `insert into kl_audit_trail (transaction_id, position, entry_index, event_id, event_type, tenant, at,
  actor, action, outcome, credential_id, details)
select u.txid::xid8, u.position, u.entry_index, u.event_id, u.event_type, u.tenant, u.at, u.actor, u.action, u.outcome,
  nullif(u.credential_id, ''), u.details
from unnest(array[?]::text[], array[?]::bigint[], array[?]::smallint[], array[?]::uuid[], array[?]::text[], array[?]::text[],
  array[?]::timestamptz[], array[?]::text[], array[?]::text[], array[?]::text[], array[?]::text[], array[?]::jsonb[])
  as u(txid, position, entry_index, event_id, event_type, tenant, at, actor, action, outcome, credential_id, details)
on conflict (position, entry_index) do nothing`;

const column = <K extends keyof AuditEntry>(entries: AuditEntry[], key: K) => entries.map((e) => e[key]);

export async function writeAuditEntries(tx: EntityManager, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(
    INSERT_ENTRIES,
    [
      column(entries, 'transactionId'),
      column(entries, 'position'),
      column(entries, 'entryIndex'),
      column(entries, 'eventId'),
      column(entries, 'eventType'),
      column(entries, 'tenant'),
      column(entries, 'at'),
      column(entries, 'actor'),
      column(entries, 'action'),
      column(entries, 'outcome'),
      entries.map((e) => e.credentialId ?? ''),
      entries.map((e) => JSON.stringify(e.details)),
    ],
    'run',
  );
}
