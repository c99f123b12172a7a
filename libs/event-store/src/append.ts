import type { EntityManager } from '@mikro-orm/postgresql';
import { eventHash } from './hash.js';
import { prepareEvent, type PreparedEvent } from './new-event.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows.js';
import { claimVersions, currentVersion, normaliseExpected, versionConflict, type ClaimedHead } from './stream-head.js';
import type { AppendOptions, AppendResult, NewEvent } from './types.js';

// One statement inserts every event of the append and moves the stream's
// last_hash to the newest one; with the claim that is two round trips per
// append whatever the number of events. Hashes travel as hex text, '' for
// "no previous hash": MikroORM renders a null inside an array parameter as
// nothing at all (see README).
const INSERT_CHAINED = `with ins as (
  insert into kl_events (global_position, event_id, stream_id, stream_type, stream_version, tenant, type,
    data, metadata, prev_hash, hash)
  select u.position, u.event_id, ?, ?, u.stream_version, ?, u.type, u.data, u.metadata,
    decode(nullif(u.prev_hash, ''), 'hex'), decode(u.hash, 'hex')
  from unnest(array[?]::bigint[], array[?]::uuid[], array[?]::bigint[], array[?]::text[], array[?]::jsonb[],
    array[?]::jsonb[], array[?]::text[], array[?]::text[])
    as u(position, event_id, stream_version, type, data, metadata, prev_hash, hash)
  returning ${EVENT_COLUMNS}),
head as (update kl_streams set last_hash = ? where stream_id = ?)
select * from ins order by global_position`;

interface ChainedEvent extends PreparedEvent {
  globalPosition: number;
  streamVersion: number;
  prevHash: Buffer | null;
  hash: Buffer;
}

/** Versions, positions and hashes for the events, each chained to the one before it. */
export function chainEvents(streamId: string, tenant: string, head: ClaimedHead, events: PreparedEvent[]): ChainedEvent[] {
  let prevHash = head.lastHash;
  return events.map((event, i) => {
    const fields = { ...event, streamId, tenant, globalPosition: head.positions[i]!, streamVersion: head.previousVersion + i + 1 };
    const hash = eventHash(prevHash, fields);
    const chained = { ...fields, prevHash, hash };
    prevHash = hash;
    return chained;
  });
}

function insertParams(streamId: string, opts: AppendOptions, chained: ChainedEvent[]): unknown[] {
  return [
    streamId,
    opts.streamType,
    opts.tenant,
    chained.map((e) => e.globalPosition),
    chained.map((e) => e.eventId),
    chained.map((e) => e.streamVersion),
    chained.map((e) => e.type),
    chained.map((e) => e.dataJson),
    chained.map((e) => e.metadataJson),
    chained.map((e) => (e.prevHash === null ? '' : e.prevHash.toString('hex'))),
    chained.map((e) => e.hash.toString('hex')),
    chained.at(-1)!.hash,
    streamId,
  ];
}

/**
 * Appends events to a versioned stream if it is at the expected version.
 * Must run inside `em.transactional`, so the caller's other writes (read model,
 * idempotency record, name reservation) commit or roll back with it.
 */
export async function appendToStream(tx: EntityManager, streamId: string, events: NewEvent[], opts: AppendOptions): Promise<AppendResult> {
  if (!tx.isInTransaction()) throw new Error('appendToStream must run inside em.transactional(...)');
  const expected = normaliseExpected(opts.expectedVersion);
  if (events.length === 0) return appendNothing(tx, streamId, expected);
  const prepared = events.map(prepareEvent);
  const head = await claimVersions(tx, streamId, prepared.length, opts, expected);
  const chained = chainEvents(streamId, opts.tenant, head, prepared);
  const rows: EventRow[] = await tx.execute(INSERT_CHAINED, insertParams(streamId, opts, chained));
  const recorded = rows.map(toRecordedEvent);
  return {
    nextVersion: head.previousVersion + prepared.length,
    positions: recorded.map((e) => e.globalPosition),
    events: recorded,
  };
}

// An empty append writes nothing but still honours the expected version.
async function appendNothing(tx: EntityManager, streamId: string, expected: number | 'any'): Promise<AppendResult> {
  const version = await currentVersion(tx, streamId);
  if (expected !== 'any' && expected !== version) throw await versionConflict(tx, streamId, expected);
  return { nextVersion: version, positions: [], events: [] };
}
