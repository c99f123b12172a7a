import type { EntityManager } from '@mikro-orm/postgresql';
import { START, type Checkpoint } from './types.js';

const READ_CHECKPOINT = `select transaction_id, global_position from kl_projection_checkpoints where name = ?`;

const LOCK_CHECKPOINT = `${READ_CHECKPOINT} for update`;

const CREATE_CHECKPOINT = `insert into kl_projection_checkpoints (name) values (?) on conflict (name) do nothing`;

const STORE_CHECKPOINT = `insert into kl_projection_checkpoints (name, transaction_id, global_position)
values (?, ?::xid8, ?)
on conflict (name) do update
  set transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`;

// Any committed event after the consumer's checkpoint in log order, whether
// or not the safe read may return it yet. The checkpoint comes in through
// scalar subqueries, which the planner turns into parameters of an index
// condition on (transaction_id, global_position) (a join would not be), so a
// consumer that is caught up scans nothing but what waits.
const AFTER_CHECKPOINT = `(e.transaction_id, e.global_position) > (
  (select transaction_id from kl_projection_checkpoints where name = ?),
  (select global_position from kl_projection_checkpoints where name = ?))`;
const EVENTS_WAITING = `select exists (select 1 from kl_events e where ${AFTER_CHECKPOINT}) as waiting`;
const EVENTS_WAITING_OF_TYPES = `select exists (select 1 from kl_events e where ${AFTER_CHECKPOINT} and e.stream_type in (?)) as waiting`;

interface CheckpointRow {
  transaction_id: string;
  global_position: string;
}

function toCheckpoint(row: CheckpointRow | undefined): Checkpoint | undefined {
  if (row === undefined) return undefined;
  return { transactionId: String(row.transaction_id), globalPosition: Number(row.global_position) };
}

/** The consumer's checkpoint; START if it has none. */
export async function readCheckpoint(tx: EntityManager, name: string): Promise<Checkpoint> {
  const rows: CheckpointRow[] = await tx.execute(READ_CHECKPOINT, [name]);
  return toCheckpoint(rows[0]) ?? START;
}

/**
 * Reads the checkpoint and locks its row until the transaction ends, creating
 * it first if missing, so two workers never run the same consumer at once:
 * the second waits, then reads the checkpoint the first committed.
 */
export async function lockCheckpoint(tx: EntityManager, name: string): Promise<Checkpoint> {
  const locked = toCheckpoint((await tx.execute<CheckpointRow[]>(LOCK_CHECKPOINT, [name]))[0]);
  if (locked !== undefined) return locked;
  await tx.execute(CREATE_CHECKPOINT, [name], 'run');
  return toCheckpoint((await tx.execute<CheckpointRow[]>(LOCK_CHECKPOINT, [name]))[0]) ?? START;
}

export async function storeCheckpoint(tx: EntityManager, name: string, cp: Checkpoint): Promise<void> {
  await tx.execute(STORE_CHECKPOINT, [name, cp.transactionId, cp.globalPosition], 'run');
}

/** Back to START: the consumer replays the whole log on its next batch (a rebuild). */
export async function resetCheckpoint(tx: EntityManager, name: string): Promise<void> {
  await storeCheckpoint(tx, name, START);
}

/**
 * Whether committed events (of these stream types, if given) follow the
 * consumer's checkpoint: right after a catch-up, the ones a running
 * transaction still holds back.
 */
export async function eventsWaiting(em: EntityManager, name: string, streamTypes?: readonly string[]): Promise<boolean> {
  const rows: { waiting: boolean }[] =
    streamTypes === undefined
      ? await em.execute(EVENTS_WAITING, [name, name])
      : await em.execute(EVENTS_WAITING_OF_TYPES, [name, name, [...streamTypes]]);
  return rows[0]?.waiting === true;
}
