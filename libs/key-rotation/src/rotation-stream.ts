import type { EntityManager } from '@mikro-orm/postgresql';
import {
  decideKeyRotation,
  evolveKeyRotation,
  initialKeyRotationState,
  KEY_ROTATION_STREAM_TYPE,
  keyRotationStreamId,
  KeyledgerError,
  type CommandMetadata,
  type KeyRotationCommand,
  type KeyRotationEvent,
  type KeyRotationState,
} from '#domain';
import { commandHandler, type CommandEnvironment, type Decider } from '#event-store';
import { evolveProgress } from './progress.evolve.js';
import { findProgress, writeProgress } from './progress.sql.js';

// Everything that changes a rotation (batches, planning, the end) first locks
// its stream row: they run one after the other, so each append's expected
// version is the one just read and the end is decided exactly once.
const LOCK_STREAM = 'select version from kl_streams where stream_id = ? for update';

const keyRotationDecider: Decider<KeyRotationCommand, KeyRotationEvent, KeyRotationState> = {
  streamType: KEY_ROTATION_STREAM_TYPE,
  decide: decideKeyRotation,
  evolve: evolveKeyRotation,
  initialState: initialKeyRotationState,
};

const handle = commandHandler(keyRotationDecider);

/** Locks the rotation's stream row until the transaction ends; NOT_FOUND if there is no such rotation. */
export async function lockRotation(tx: EntityManager, rotationId: string): Promise<void> {
  const rows: unknown[] = await tx.execute(LOCK_STREAM, [keyRotationStreamId(rotationId)]);
  if (rows.length === 0) throw new KeyledgerError('NOT_FOUND', `key rotation ${rotationId} not found`);
}

export interface RotationCommandRequest {
  rotationId: string;
  actor: string;
  env: CommandEnvironment;
  command(metadata: CommandMetadata): KeyRotationCommand;
}

/** Starts a rotation's stream and its progress row (status pending); the stream takes the tenant of the admin who asked. */
export function requestKeyRotation(tx: EntityManager, tenant: string, request: RotationCommandRequest): Promise<KeyRotationEvent[]> {
  return decideAndRecord(tx, request, tenant);
}

/**
 * Decides a command on an existing rotation, under its row lock, and appends
 * what it decides, with the version read as the expected one, then brings
 * the progress row up to date. Returns the events (none: nothing to record).
 */
export async function recordKeyRotation(tx: EntityManager, request: RotationCommandRequest): Promise<KeyRotationEvent[]> {
  await lockRotation(tx, request.rotationId);
  return decideAndRecord(tx, request);
}

function decideAndRecord(tx: EntityManager, request: RotationCommandRequest, tenant?: string): Promise<KeyRotationEvent[]> {
  const { rotationId, actor, env } = request;
  return handle(tx, keyRotationStreamId(rotationId), (_state, { metadata }) => [request.command(metadata)], {
    actor,
    env,
    tenant,
    after: async ({ tx: attempt, events }) => {
      await applyToProgress(attempt, rotationId, events);
      return events;
    },
  });
}

async function applyToProgress(tx: EntityManager, rotationId: string, events: KeyRotationEvent[]): Promise<void> {
  if (events.length === 0) return;
  const doc = events.reduce(evolveProgress, await findProgress(tx, rotationId));
  if (doc !== null) await writeProgress(tx, doc);
}
