import { eventHash } from './hash.js';
import type { RecordedEvent } from './types.js';

// Pure checks behind verifyLog. A finding names an event by its place in log
// order, (transaction_id, global_position): the order readAll and the
// auditors' feed use, so "first" means the same thing everywhere.

export interface Finding {
  transactionId: bigint;
  /** Absent only for a stream row whose events are all gone. */
  position?: number;
  reason: string;
}

/** One versioned event as the chain walk (stream_id, stream_version order) sees it. */
export interface ChainLink {
  transactionId: bigint;
  position: number;
  streamId: string;
  version: number;
  prevHash: Buffer | null;
  hash: Buffer;
  /** kl_streams.version / last_hash of the event's stream; null when the stream row is missing. */
  headVersion: number | null;
  headHash: Buffer | null;
}

function sameBytes(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/** The event's own hash and, for unversioned records, the absence of a chain link. */
export function checkEventHash(e: RecordedEvent): string | null {
  const prevHash = e.prevHash === null ? null : Buffer.from(e.prevHash, 'hex');
  if (e.streamVersion === null && prevHash !== null) return `unversioned event ${e.eventId} carries a previous hash`;
  const expected = eventHash(prevHash, e).toString('hex');
  return expected === e.hash ? null : `hash mismatch at position ${e.globalPosition}: the event was altered or moved`;
}

/** `link` follows `prev` (null: link is its stream's first event): next version, chained hash. */
export function checkLink(prev: ChainLink | null, link: ChainLink): string | null {
  const expectedVersion = prev === null ? 1 : prev.version + 1;
  if (link.version !== expectedVersion) {
    return `stream ${link.streamId}: version ${link.version} where ${expectedVersion} was expected (event missing, inserted or reordered)`;
  }
  if (!sameBytes(link.prevHash, prev === null ? null : prev.hash)) {
    return `stream ${link.streamId}: version ${link.version} does not chain to version ${expectedVersion - 1}`;
  }
  return null;
}

/** The stream row must name the stream's last event: its version and hash. */
export function checkHead(last: ChainLink): string | null {
  if (last.headVersion === null) return `stream ${last.streamId} has events but no stream row`;
  if (last.headVersion !== last.version || !sameBytes(last.headHash, last.hash)) {
    return `stream ${last.streamId}: stream row says version ${last.headVersion}, the log ends at version ${last.version}`;
  }
  return null;
}

/** The earlier of two findings in log order; a finding without a position sorts last. */
export function earlier(a: Finding | undefined, b: Finding | undefined): Finding | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  if (a.position === undefined || b.position === undefined) return a.position === undefined ? b : a;
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? a : b;
  return a.position <= b.position ? a : b;
}
