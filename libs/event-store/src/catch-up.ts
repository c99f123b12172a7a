import type { EntityManager } from '@mikro-orm/postgresql';
import { eventsWaiting, resetCheckpoint } from './checkpoints.js';
import { DEFAULT_BATCH_SIZE, processBatch, type BatchHandler, type BatchOptions } from './process-batch.js';

const LOCK_NOT_AVAILABLE = '55P03';

export interface CatchUpOptions extends BatchOptions {
  /** Stop after this many batches even if more events wait (default: no bound). */
  maxBatches?: number;
}

export interface CatchUpResult {
  /** Events handled by this call. */
  processed: number;
  /** False when stopped by maxBatches, or by lockTimeoutMs while another runner held the consumer. */
  caughtUp: boolean;
  /**
   * Caught up, yet committed events follow the checkpoint: a transaction
   * still running holds them back (the safe read stops below it), or they
   * committed after the last read. Either way another run soon finds them;
   * the commit that held them back announces nothing.
   */
  heldBack: boolean;
}

/**
 * Runs batches of a checkpointed consumer until one comes back short (the
 * consumer has read everything committed below the oldest running
 * transaction). Each batch is its own transaction, so a long catch-up never
 * holds the checkpoint lock for more than one batch.
 */
export async function catchUp(em: EntityManager, name: string, handler: BatchHandler, opts: CatchUpOptions = {}): Promise<CatchUpResult> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxBatches = opts.maxBatches ?? Number.POSITIVE_INFINITY;
  let processed = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    let read: number;
    try {
      read = await processBatch(em, name, handler, { ...opts, batchSize });
    } catch (error) {
      if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) return { processed, caughtUp: false, heldBack: false };
      throw error;
    }
    processed += read;
    if (read < batchSize) return { processed, caughtUp: true, heldBack: await eventsWaiting(em, name, opts.streamTypes) };
  }
  return { processed, caughtUp: false, heldBack: false };
}

/**
 * Rebuilds a projection from position 0: in one transaction, move the
 * checkpoint back to START (which waits for, then holds, the checkpoint row
 * lock, so no batch of a running consumer interleaves) and `reset` the
 * projection's tables; then replay the whole log. Returns the events replayed.
 */
export async function rebuildFromStart(
  em: EntityManager,
  name: string,
  reset: (tx: EntityManager) => Promise<unknown>,
  handler: BatchHandler,
  opts: CatchUpOptions = {},
): Promise<number> {
  await em.transactional(async (tx) => {
    await resetCheckpoint(tx, name);
    await reset(tx);
  });
  return (await catchUp(em, name, handler, opts)).processed;
}
