import type { EntityManager } from '@mikro-orm/postgresql';
import { catchUp, rebuildFromStart, type BatchHandler, type CatchUpOptions, type CatchUpResult } from '#event-store';
import { writeAuditEntries } from './audit-trail.writer.js';
import { toAuditEntries } from './map.js';

export const AUDIT_TRAIL_PROJECTION = 'audit-trail';
const BATCH_SIZE = 500;

/** Writes the entries of a batch; processBatch stores the checkpoint in the same transaction. */
export const projectAuditTrail: BatchHandler = (tx, events) => writeAuditEntries(tx, events.flatMap(toAuditEntries));

/** Projects committed events into kl_audit_trail until caught up (or the options' bound). */
export function catchUpAuditTrail(em: EntityManager, opts: CatchUpOptions = {}): Promise<CatchUpResult> {
  return catchUp(em, AUDIT_TRAIL_PROJECTION, projectAuditTrail, { batchSize: BATCH_SIZE, ...opts });
}

/** Truncate + replay from position 0; gives the same rows as the live projection. */
export function rebuildAuditTrail(em: EntityManager): Promise<number> {
  const truncate = (tx: EntityManager) => tx.execute('truncate kl_audit_trail', [], 'run');
  return rebuildFromStart(em, AUDIT_TRAIL_PROJECTION, truncate, projectAuditTrail, { batchSize: BATCH_SIZE });
}
