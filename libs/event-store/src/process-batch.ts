import type { EntityManager } from '@mikro-orm/postgresql';
import { lockCheckpoint, storeCheckpoint } from './checkpoints.js';
import { checkpointOf, readAll } from './read-all.js';
import type { RecordedEvent } from './types.js';

export type BatchHandler = (tx: EntityManager, events: RecordedEvent[]) => Promise<void>;

export const DEFAULT_BATCH_SIZE = 100;

export interface BatchOptions {
  batchSize?: number;
  /**
   * Give up (SQLSTATE 55P03, lock_not_available) instead of waiting longer
   * than this for another runner of the same consumer to finish its batch.
   */
  lockTimeoutMs?: number;
  /**
   * Only events of streams of these types are read and handed to the
   * handler (filtered in SQL); the checkpoint then moves with the last of
   * them, so the events of other types after it are scanned again by the
   * next read. Meant for replays, where they are scanned once.
   */
  streamTypes?: readonly string[];
}

/**
 * Runs one batch of a checkpointed consumer in one transaction: lock the
 * checkpoint, read the next events, let the handler write, store the new
 * checkpoint. The handler's writes and the checkpoint commit together, so a
 * failed batch (the handler throws) leaves both untouched and is retried
 * whole. Returns the number of events handled (0: caught up).
 */
export async function processBatch(em: EntityManager, name: string, handler: BatchHandler, opts: BatchOptions = {}): Promise<number> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const { lockTimeoutMs, streamTypes } = opts;
  if (lockTimeoutMs !== undefined && !(Number.isSafeInteger(lockTimeoutMs) && lockTimeoutMs > 0)) {
    throw new RangeError(`lockTimeoutMs must be a positive integer, got ${lockTimeoutMs}`);
  }
  return em.transactional(async (tx) => {
    if (lockTimeoutMs !== undefined) await tx.execute(`set local lock_timeout = ${lockTimeoutMs}`, [], 'run');
    const after = await lockCheckpoint(tx, name);
    const events = await readAll(tx, after, batchSize, streamTypes === undefined ? {} : { streamTypes });
    if (events.length === 0) return 0;
    await handler(tx, events);
    await storeCheckpoint(tx, name, checkpointOf(events.at(-1)!));
    return events.length;
  });
}
