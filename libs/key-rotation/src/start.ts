import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, type KeyRotationMode } from '#domain';
import type { CommandEnvironment } from '#event-store';
import { findOpenProgress } from './progress.sql.js';
import { requestKeyRotation } from './rotation-stream.js';

// Requests queue on this lock, so the second of two concurrent requests sees
// the first one's rotation (the partial unique index is the backstop).
const LOCK_REQUESTS = `select pg_advisory_xact_lock(hashtextextended('keyledger:key-rotation-request', 0))`;

export interface StartKeyRotationRequest {
  rotationId: string;
  mode: KeyRotationMode;
  targetKekId: string;
  tenant: string;
  actor: string;
  env: CommandEnvironment;
}

/**
 * Records KeyRotationRequested (status pending) unless a rotation is pending
 * or running: master keys are process-wide, so one rotation at a time.
 * The job dispatcher turns the event into the planning job.
 */
export async function startKeyRotation(tx: EntityManager, request: StartKeyRotationRequest): Promise<void> {
  await tx.execute(LOCK_REQUESTS);
  const open = await findOpenProgress(tx);
  if (open !== null) {
    throw new KeyledgerError('INVALID_STATE', `key rotation ${open.rotationId} is ${open.status}; start another once it has ended`, {
      rotationId: open.rotationId,
      status: open.status,
    });
  }
  const { rotationId, mode, targetKekId, tenant, actor, env } = request;
  const data = { rotationId, mode, targetKekId };
  await requestKeyRotation(tx, tenant, { rotationId, actor, env, command: (metadata) => ({ type: 'RequestKeyRotation', data, metadata }) });
}
