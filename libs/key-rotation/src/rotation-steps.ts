import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeyProvider } from '#crypto';
import { WORKER_ACTOR } from '#credential-store';
import { KeyledgerError } from '#domain';
import type { CommandEnvironment } from '#event-store';
import { rewrapDataKeys } from '#secrets';
import type { RotationProgress, RotationStatus } from './progress.js';
import { addToTotal, findProgress, markRunning } from './progress.sql.js';
import { reencryptDataKeys } from './reencrypt.js';
import type { RotationDeps } from './rotation-deps.js';
import { lockRotation, recordKeyRotation } from './rotation-stream.js';
import { addStragglers, anyOpenItem, clearItems, finishItems, planItems, takeItems } from './work-items.js';

async function requireProgress(em: EntityManager, rotationId: string): Promise<RotationProgress> {
  const progress = await findProgress(em, rotationId);
  if (progress === null) throw new KeyledgerError('NOT_FOUND', `key rotation ${rotationId} not found`);
  return progress;
}

/** A worker can only wrap under its own active master key. */
function assertCanTarget(keys: KeyProvider, targetKekId: string): void {
  if (keys.activeKekId === targetKekId) return;
  throw new KeyledgerError(
    'INVALID_STATE',
    `this worker's active master key is "${keys.activeKekId}" but the rotation targets "${targetKekId}": restart the workers with "${targetKekId}" first in KEYLEDGER_MASTER_KEYS`,
  );
}

/**
 * pending -> running: fills the work list and counts it (`total`), once; a
 * retried planning job finds the rotation running and changes nothing.
 */
export function planKeyRotation(
  em: EntityManager,
  keys: KeyProvider,
  rotationId: string,
): Promise<{ status: RotationStatus; total: number }> {
  return em.fork().transactional(async (tx) => {
    await lockRotation(tx, rotationId);
    const progress = await requireProgress(tx, rotationId);
    if (progress.status !== 'pending') return { status: progress.status, total: progress.total };
    assertCanTarget(keys, progress.targetKekId);
    const total = await planItems(tx, rotationId, progress.mode, progress.targetKekId);
    await markRunning(tx, rotationId, total);
    return { status: 'running', total };
  });
}

/**
 * One batch in one transaction: take up to `batchSize` items no one else
 * holds, process their data keys, drop the items and record the batch with
 * its counts. Killed halfway, it commits nothing and its items are taken
 * again. Returns the number of items processed (0: none left to take).
 */
export function runKeyRotationBatch(em: EntityManager, deps: RotationDeps, rotationId: string): Promise<number> {
  return em.fork().transactional(async (tx) => {
    const progress = await findProgress(tx, rotationId);
    if (progress?.status !== 'running') return 0;
    assertCanTarget(deps.keys, progress.targetKekId);
    const items = await takeItems(tx, rotationId, deps.batchSize);
    if (items.length === 0) return 0;
    const dekIds = items.map((item) => item.dekId);
    const outcome = progress.mode === 'rewrap' ? await rewrapDataKeys(tx, deps.keys, dekIds) : await reencryptDataKeys(tx, deps, dekIds);
    await finishItems(tx, rotationId, outcome);
    const counts = { done: outcome.done.length, failed: outcome.failed.length };
    await recordKeyRotation(tx, {
      rotationId,
      actor: WORKER_ACTOR,
      env: deps.env,
      command: (metadata) => ({ type: 'RecordKeyRotationBatch', data: { rotationId, ...counts }, metadata }),
    });
    return items.length;
  });
}

/**
 * After a worker found nothing left to take: `more` if items became free
 * (a dead batch's) or appeared (data keys written under an old master key
 * since planning), `busy` if other batches still hold items (the last of
 * them settles), else the rotation ends here, exactly once.
 */
export function settleKeyRotation(em: EntityManager, env: CommandEnvironment, rotationId: string): Promise<'more' | 'busy' | 'ended'> {
  return em.fork().transactional(async (tx) => {
    await lockRotation(tx, rotationId);
    const progress = await requireProgress(tx, rotationId);
    if (progress.status !== 'running') return progress.status === 'pending' ? 'busy' : 'ended';
    if ((await takeItems(tx, rotationId, 1)).length > 0) return 'more';
    if (await anyOpenItem(tx, rotationId)) return 'busy';
    const added = await addStragglers(tx, rotationId, progress.targetKekId);
    if (added > 0) {
      await addToTotal(tx, rotationId, added);
      return 'more';
    }
    const finish = { rotationId, total: progress.total };
    await recordKeyRotation(tx, {
      rotationId,
      actor: WORKER_ACTOR,
      env,
      command: (metadata) => ({ type: 'FinishKeyRotation', data: finish, metadata }),
    });
    await clearItems(tx, rotationId);
    return 'ended';
  });
}

/** Takes batches until none is left to take, then settles; returns when there is nothing more for this worker. */
export async function drainKeyRotation(em: EntityManager, deps: RotationDeps, rotationId: string): Promise<void> {
  for (;;) {
    if ((await runKeyRotationBatch(em, deps, rotationId)) > 0) continue;
    if ((await settleKeyRotation(em, deps.env, rotationId)) !== 'more') return;
  }
}

/** Ends an open rotation as failed (a job gave up); a no-op once it has ended. */
export function failKeyRotation(em: EntityManager, env: CommandEnvironment, rotationId: string, reason: string): Promise<void> {
  return em.fork().transactional(async (tx) => {
    await lockRotation(tx, rotationId);
    const data = { rotationId, total: (await requireProgress(tx, rotationId)).total, reason };
    const events = await recordKeyRotation(tx, {
      rotationId,
      actor: WORKER_ACTOR,
      env,
      command: (metadata) => ({ type: 'FailKeyRotation', data, metadata }),
    });
    if (events.length > 0) await clearItems(tx, rotationId);
  });
}
