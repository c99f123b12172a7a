import { KeyledgerError, ValidationError } from '../errors.js';
import {
  KEY_ROTATION_MODES,
  type FailKeyRotation,
  type FinishKeyRotation,
  type KeyRotation,
  type KeyRotationCommand,
  type KeyRotationEvent,
  type KeyRotationState,
  type RecordKeyRotationBatch,
  type RequestKeyRotation,
} from './types.js';

/**
 * Rules of a rotation: requested once; batches only while it is open; it
 * ends exactly once (finishing or failing an ended rotation decides nothing,
 * so two workers racing to finish it append one end between them).
 */
export function decideKeyRotation(command: KeyRotationCommand, state: KeyRotationState): KeyRotationEvent[] {
  if (command.type === 'RequestKeyRotation') return request(command, state);
  const id = command.data.rotationId;
  if (state.status === 'absent') throw new KeyledgerError('NOT_FOUND', `key rotation ${id} not found`);
  switch (command.type) {
    case 'RecordKeyRotationBatch':
      return recordBatch(command, state);
    case 'FinishKeyRotation':
      return state.status === 'open' ? [finish(command, state)] : [];
    case 'FailKeyRotation':
      return state.status === 'open' ? [fail(command, state)] : [];
  }
}

function request(command: RequestKeyRotation, state: KeyRotationState): KeyRotationEvent[] {
  const { rotationId, mode, targetKekId } = command.data;
  if (state.status !== 'absent') throw new KeyledgerError('INVALID_STATE', `key rotation ${rotationId} already exists`);
  if (!KEY_ROTATION_MODES.includes(mode)) {
    throw new ValidationError('invalid rotation mode', [
      { field: 'mode', message: `mode: must be one of ${KEY_ROTATION_MODES.join(', ')}` },
    ]);
  }
  if (targetKekId === '') throw new KeyledgerError('INVALID_STATE', 'a key rotation needs a target master key');
  const { actor, now: at } = command.metadata;
  return [{ type: 'KeyRotationRequested', data: { rotationId, actor, at, mode, targetKekId } }];
}

function recordBatch(command: RecordKeyRotationBatch, state: KeyRotation): KeyRotationEvent[] {
  const { rotationId, done, failed } = command.data;
  if (state.status !== 'open') throw new KeyledgerError('INVALID_STATE', `key rotation ${rotationId} has ended`);
  if (!isCount(done) || !isCount(failed) || done + failed === 0) {
    throw new KeyledgerError('INVALID_STATE', `key rotation ${rotationId}: a batch must process at least one data key`);
  }
  const { actor, now: at } = command.metadata;
  return [{ type: 'KeyRotationBatchCompleted', data: { rotationId, actor, at, batch: state.batches + 1, done, failed } }];
}

function finish(command: FinishKeyRotation, state: KeyRotation): KeyRotationEvent {
  if (state.failed === 0) return { type: 'KeyRotationCompleted', data: outcome(command, state) };
  const reason = `${state.failed} data key(s) could not be unwrapped; they stay under their old master key`;
  return { type: 'KeyRotationFailed', data: { ...outcome(command, state), reason } };
}

function fail(command: FailKeyRotation, state: KeyRotation): KeyRotationEvent {
  return { type: 'KeyRotationFailed', data: { ...outcome(command, state), reason: command.data.reason } };
}

function outcome(command: FinishKeyRotation | FailKeyRotation, state: KeyRotation) {
  const { actor, now: at } = command.metadata;
  const durationMs = Math.max(0, Date.parse(at) - Date.parse(state.requestedAt));
  return { rotationId: state.rotationId, actor, at, total: command.data.total, done: state.done, failed: state.failed, durationMs };
}

function isCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}
