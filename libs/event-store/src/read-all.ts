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
const READ_ALL = `select ${EVENT_COLUMNS} from kl_events
where (transaction_id, global_position) > (?::xid8, ?::bigint)
  and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
order by transaction_id, global_position
limit ?`;

/** Up to `limit` committed events strictly after `after`, in (transaction_id, global_position) order. */
export async function readAll(em: EntityManager, after: Checkpoint, limit: number): Promise<RecordedEvent[]> {
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new Error(`readAll limit must be a positive integer, got ${limit}`);
  const rows: EventRow[] = await em.execute(READ_ALL, [after.transactionId, after.globalPosition, limit]);
  return rows.map(toRecordedEvent);
}

export function checkpointOf(e: RecordedEvent): Checkpoint {
  return { transactionId: e.transactionId, globalPosition: e.globalPosition };
}
