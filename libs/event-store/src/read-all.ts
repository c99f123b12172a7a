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

const CHECKPOINT_AT = `select transaction_id, global_position from kl_events
where global_position = ? and tenant = ? and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;

/**
 * Up to `limit` committed events strictly after `after`, in
 * (transaction_id, global_position) order; only those of `tenant` if given.
 */
export async function readAll(
  em: EntityManager,
  after: Checkpoint,
  limit: number,
  opts: { tenant?: string } = {},
): Promise<RecordedEvent[]> {
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new Error(`readAll limit must be a positive integer, got ${limit}`);
  const rows: EventRow[] =
    opts.tenant === undefined
      ? await em.execute(READ_ALL, [after.transactionId, after.globalPosition, limit])
      : await em.execute(READ_TENANT, [opts.tenant, after.transactionId, after.globalPosition, limit]);
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
