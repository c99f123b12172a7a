import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows.js';
import { checkEventHash, checkHead, checkLink, earlier, type ChainLink, type Finding } from './verify-checks.js';
import type { VerifyResult } from './types.js';

// Keyset pages: memory stays constant whatever the size of the log. The
// leading boolean is true for the first page (no cursor yet).
const EVENTS_PAGE = `select ${EVENT_COLUMNS} from kl_events
where (?::boolean or (transaction_id, global_position) > (?::xid8, ?::bigint))
order by transaction_id, global_position
limit ?`;

const CHAIN_PAGE = `select e.transaction_id, e.global_position, e.stream_id, e.stream_version, e.prev_hash, e.hash,
  s.version as head_version, s.last_hash as head_hash
from kl_events e left join kl_streams s on s.stream_id = e.stream_id
where e.stream_version is not null
  and (?::boolean or (e.stream_id, e.stream_version) > (?, ?::bigint))
order by e.stream_id, e.stream_version
limit ?`;

const EMPTY_STREAM = `select s.stream_id from kl_streams s
where not exists (select 1 from kl_events e where e.stream_id = s.stream_id and e.stream_version is not null)
limit 1`;

interface ChainRow {
  transaction_id: string;
  global_position: string;
  stream_id: string;
  stream_version: string;
  prev_hash: Buffer | null;
  hash: Buffer;
  head_version: string | null;
  head_hash: Buffer | null;
}

function toLink(row: ChainRow): ChainLink {
  return {
    transactionId: BigInt(row.transaction_id),
    position: Number(row.global_position),
    streamId: row.stream_id,
    version: Number(row.stream_version),
    prevHash: row.prev_hash,
    hash: row.hash,
    headVersion: row.head_version === null ? null : Number(row.head_version),
    headHash: row.head_hash,
  };
}

/** Recomputes every event's hash, in log order. */
async function verifyHashes(tx: EntityManager, batchSize: number): Promise<{ checked: number; first?: Finding }> {
  let checked = 0;
  let cursor: EventRow | undefined;
  for (;;) {
    const rows: EventRow[] = await tx.execute(EVENTS_PAGE, [
      cursor === undefined,
      cursor?.transaction_id ?? '0',
      cursor?.global_position ?? 0,
      batchSize,
    ]);
    for (const e of rows.map(toRecordedEvent)) {
      checked += 1;
      const reason = checkEventHash(e);
      if (reason !== null) return { checked, first: { transactionId: BigInt(e.transactionId), position: e.globalPosition, reason } };
    }
    if (rows.length < batchSize) return { checked };
    cursor = rows.at(-1);
  }
}

/** Walks each versioned stream in version order: versions 1..n, chained hashes, stream row at the end. */
async function verifyChains(tx: EntityManager, batchSize: number): Promise<Finding | undefined> {
  let first: Finding | undefined;
  let prev: ChainLink | null = null;
  const note = (link: ChainLink, reason: string | null) => {
    if (reason !== null) first = earlier(first, { transactionId: link.transactionId, position: link.position, reason });
  };
  for (;;) {
    const rows: ChainRow[] = await tx.execute(CHAIN_PAGE, [prev === null, prev?.streamId ?? '', prev?.version ?? 0, batchSize]);
    for (const link of rows.map(toLink)) {
      const sameStream = prev !== null && prev.streamId === link.streamId;
      if (prev !== null && !sameStream) note(prev, checkHead(prev));
      note(link, checkLink(sameStream ? prev : null, link));
      prev = link;
    }
    if (rows.length < batchSize) break;
  }
  if (prev !== null) note(prev, checkHead(prev));
  return first;
}

async function verifyStreamRows(tx: EntityManager): Promise<Finding | undefined> {
  const rows: { stream_id: string }[] = await tx.execute(EMPTY_STREAM);
  if (rows[0] === undefined) return undefined;
  return { transactionId: 0n, reason: `stream ${rows[0].stream_id} has a stream row but no events` };
}

/** Every event's hash, every stream's chain and head: what holds without the seal key. */
export async function verifyUnsealed(tx: EntityManager, batchSize: number): Promise<{ checked: number; first?: Finding }> {
  const hashes = await verifyHashes(tx, batchSize);
  const first = earlier(earlier(hashes.first, await verifyChains(tx, batchSize)), await verifyStreamRows(tx));
  return first === undefined ? { checked: hashes.checked } : { checked: hashes.checked, first };
}

/** The result for the earliest finding (none: ok). */
export function verifyResult(checked: number, first: Finding | undefined): VerifyResult {
  if (first === undefined) return { ok: true, checked };
  const result: VerifyResult = { ok: false, checked, reason: first.reason };
  if (first.position !== undefined) result.firstBadPosition = first.position;
  return result;
}

/** Runs `check` in one REPEATABLE READ, read-only snapshot, or in the caller's transaction. */
export function inSnapshot<T>(em: EntityManager, check: (tx: EntityManager) => Promise<T>): Promise<T> {
  if (em.isInTransaction()) return check(em);
  return em.transactional(check, { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
}

/**
 * Checks the whole log: each event's hash, each stream's chain and head.
 * Runs in one REPEATABLE READ snapshot (or in the caller's transaction), so
 * concurrent appends never look like tampering. The first bad event is named
 * by its position, "first" in (transaction_id, global_position) order.
 */
export async function verifyLog(em: EntityManager, opts: { batchSize?: number } = {}): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 1000;
  return inSnapshot(em, async (tx) => {
    const { checked, first } = await verifyUnsealed(tx, batchSize);
    return verifyResult(checked, first);
  });
}
