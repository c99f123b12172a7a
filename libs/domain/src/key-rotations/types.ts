// The master-key rotation aggregate, stream `key-rotation-<id>`. Master keys
// are process-wide, so a rotation concerns every tenant's data keys; the
// stream records who asked for it and how it ended.

import type { CommandMetadata } from '../credentials/types.js';

export const KEY_ROTATION_MODES = ['rewrap', 'reencrypt'] as const;
/** `rewrap`: each data key wrapped again under the target master key. `reencrypt`: each current secret sealed under a fresh data key too. */
export type KeyRotationMode = (typeof KEY_ROTATION_MODES)[number];

/** A command of this aggregate: plain data, time and actor in `metadata` (Emmett's Command<Type, Data>). */
type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

export type RequestKeyRotation = Command<'RequestKeyRotation', { rotationId: string; mode: KeyRotationMode; targetKekId: string }>;

/** One batch of data keys, committed together with this record. */
export type RecordKeyRotationBatch = Command<'RecordKeyRotationBatch', { rotationId: string; done: number; failed: number }>;

/** Nothing is left to do: ends the rotation, as failed if any data key could not be processed. */
export type FinishKeyRotation = Command<'FinishKeyRotation', { rotationId: string; total: number }>;

/** The rotation cannot go on (a job gave up); secret-free reason. */
export type FailKeyRotation = Command<'FailKeyRotation', { rotationId: string; total: number; reason: string }>;

export type KeyRotationCommand = RequestKeyRotation | RecordKeyRotationBatch | FinishKeyRotation | FailKeyRotation;

type EventBase = {
  rotationId: string;
  actor: string;
  /** ISO-8601 instant. */
  at: string;
};

type Outcome = { total: number; done: number; failed: number; durationMs: number };

export type KeyRotationRequested = {
  type: 'KeyRotationRequested';
  data: EventBase & { mode: KeyRotationMode; targetKekId: string };
};

export type KeyRotationBatchCompleted = {
  type: 'KeyRotationBatchCompleted';
  /** `batch` numbers the batches of the rotation from 1, in commit order. */
  data: EventBase & { batch: number; done: number; failed: number };
};

export type KeyRotationCompleted = { type: 'KeyRotationCompleted'; data: EventBase & Outcome };

export type KeyRotationFailed = { type: 'KeyRotationFailed'; data: EventBase & Outcome & { reason: string } };

export type KeyRotationEvent = KeyRotationRequested | KeyRotationBatchCompleted | KeyRotationCompleted | KeyRotationFailed;

export type KeyRotation = {
  status: 'open' | 'completed' | 'failed';
  rotationId: string;
  mode: KeyRotationMode;
  targetKekId: string;
  requestedAt: string;
  requestedBy: string;
  batches: number;
  done: number;
  failed: number;
  finishedAt: string | null;
};

export type KeyRotationState = { status: 'absent' } | KeyRotation;

export const KEY_ROTATION_STREAM_TYPE = 'key_rotation';

export function keyRotationStreamId(rotationId: string): string {
  return `key-rotation-${rotationId}`;
}
