import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows.js';
import type { Checkpoint, RecordedEvent } from './types.js';

// Positions are drawn before commit, so commit order is not position order:
// a transaction can hold a low position while a later one commits first.
// Only events of transactions older than every transaction still running
// (transaction_id < xmin of the current snapshot) are returned; all of those
// have finished, and every event still to come belongs to a transaction id
// >= that xmin, so it sorts after anything handed out here. Ordering by
// (transaction_id, global_position) therefore never lets a checkpoint jump
// over an event that commits later. See README.
const SAFE_AFTER = `(transaction_id, global_position) > (?::xid8, ?::bigint)
  and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

const READ_ALL = `select ${EVENT_COLUMNS} from kl_events
where ${SAFE_AFTER}
order by transaction_id, global_position
limit ?`;

// Served by kl_events_tenant_order_idx (tenant, transaction_id, global_position).
const READ_TENANT = `select ${EVENT_COLUMNS} from kl_events
where tenant = ? and ${SAFE_AFTER}
order by transaction_id, global_position
limit ?`;

// The log order index is walked as for READ_ALL; rows of other stream types
// are skipped in the database, never sent, parsed and dropped here.
const READ_STREAM_TYPES = `select ${EVENT_COLUMNS} from kl_events
where stream_type in (?) and ${SAFE_AFTER}
order by transaction_id, global_position
limit ?`;

export interface ReadAllOptions {
  /** Only this tenant's events (the per-tenant feed). */
  tenant?: string;
  /** Only events of streams of these types (a consumer that needs no others). */
  streamTypes?: readonly string[];
}

const CHECKPOINT_AT = `select transaction_id, global_position from kl_events
where global_position = ? and tenant = ? and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

/**
 * Up to `limit` committed events strictly after `after`, in
 * (transaction_id, global_position) order; only those of `tenant`, or of the
 * given stream types, if asked.
 */
export async function readAll(em: EntityManager, after: Checkpoint, limit: number, opts: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new Error(`readAll limit must be a positive integer, got ${limit}`);
  const { tenant, streamTypes } = opts;
  if (tenant !== undefined && streamTypes !== undefined) throw new Error('readAll filters by tenant or by stream types, not both');
  if (streamTypes?.length === 0) throw new Error('readAll needs at least one stream type to filter by');
  const position = [after.transactionId, after.globalPosition, limit];
  const rows: EventRow[] =
    tenant !== undefined
      ? await em.execute(READ_TENANT, [tenant, ...position])
      : streamTypes !== undefined
        ? await em.execute(READ_STREAM_TYPES, [[...streamTypes], ...position])
        : await em.execute(READ_ALL, position);
  return rows.map(toRecordedEvent);
}

export function checkpointOf(e: RecordedEvent): Checkpoint {
  return { transactionId: e.transactionId, globalPosition: e.globalPosition };
}

/**
 * The checkpoint of the event at `position`, if it is one of `tenant`'s and
 * readAll could have returned it: how a client's "after this position"
 * becomes a place in log order. Null otherwise.
 */
export async function checkpointAt(em: EntityManager, position: number, tenant: string): Promise<Checkpoint | null> {
  const rows: { transaction_id: string; global_position: string }[] = await em.execute(CHECKPOINT_AT, [position, tenant]);
  const row = rows[0];
  return row === undefined ? null : { transactionId: String(row.transaction_id), globalPosition: Number(row.global_position) };
}
