import type { EntityManager } from '@mikro-orm/postgresql';
import {
  decideKeyRotation,
  foldKeyRotation,
  KEY_ROTATION_STREAM_TYPE,
  keyRotationStreamId,
  KeyledgerError,
  type KeyRotationCommand,
  type KeyRotationEvent,
  type RequestKeyRotation,
} from '#domain';
import { appendToStream, readStream, type RecordedEvent } from '#event-store';
import { evolveProgress } from './progress.evolve.js';
import { findProgress, writeProgress } from './progress.sql.js';

// Everything that changes a rotation (batches, planning, the end) first locks
// its stream row: they run one after the other, so each append's expected
// version is the one just read and the end is decided exactly once.
const LOCK_STREAM = 'select version from kl_streams where stream_id = ? for update';

const toRotationEvent = (e: RecordedEvent) => ({ type: e.type, data: e.data }) as KeyRotationEvent;

/** Locks the rotation's stream row until the transaction ends; NOT_FOUND if there is no such rotation. */
export async function lockRotation(tx: EntityManager, rotationId: string): Promise<void> {
  const rows: unknown[] = await tx.execute(LOCK_STREAM, [keyRotationStreamId(rotationId)]);
  if (rows.length === 0) throw new KeyledgerError('NOT_FOUND', `key rotation ${rotationId} not found`);
}

/** Starts a rotation's stream and its progress row (status pending). */
export async function requestKeyRotation(tx: EntityManager, tenant: string, command: RequestKeyRotation): Promise<void> {
  const events = decideKeyRotation(command, foldKeyRotation([]));
  const streamId = keyRotationStreamId(command.data.rotationId);
  await appendToStream(tx, streamId, events, { streamType: KEY_ROTATION_STREAM_TYPE, tenant, expectedVersion: 'no_stream' });
  await applyToProgress(tx, command.data.rotationId, events);
}

/**
 * Decides a command on an existing rotation and appends what it decides,
 * with the version read under the row lock as the expected one, then brings
 * the progress row up to date. Returns the events (none: nothing to record).
 */
export async function recordKeyRotation(tx: EntityManager, command: Exclude<KeyRotationCommand, RequestKeyRotation>): Promise<KeyRotationEvent[]> {
  const { rotationId } = command.data;
  await lockRotation(tx, rotationId);
  const streamId = keyRotationStreamId(rotationId);
  const stream = await readStream(tx, streamId);
  const events = decideKeyRotation(command, foldKeyRotation(stream.events.map(toRotationEvent)));
  if (events.length === 0) return [];
  // The stream keeps the tenant of the admin who asked for the rotation.
  const tenant = stream.events[0]!.tenant;
  await appendToStream(tx, streamId, events, { streamType: KEY_ROTATION_STREAM_TYPE, tenant, expectedVersion: stream.version });
  await applyToProgress(tx, rotationId, events);
  return events;
}

async function applyToProgress(tx: EntityManager, rotationId: string, events: KeyRotationEvent[]): Promise<void> {
  const doc = events.reduce(evolveProgress, await findProgress(tx, rotationId));
  if (doc !== null) await writeProgress(tx, doc);
}
