import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** Tags the encoding; a future encoding (e.g. one that adds a global seal) gets a new tag. */
export const HASH_FORMAT = 'kl-event-v1';

/** The fields an event hash covers (besides the previous hash). */
export interface HashedFields {
  globalPosition: number;
  streamId: string;
  streamVersion: number | null;
  type: string;
  data: unknown;
  metadata: unknown;
  eventId: string;
  tenant: string;
}

export interface HashDocumentParts {
  head: string;
  tail: string;
}

// The hashed document is the canonical JSON array
//   ["kl-event-v1", globalPosition, streamId, streamVersion, tenant, type, eventId, data, metadata, prevHashHex]
// and is split around globalPosition, so that the database can hash a row
// whose position it draws itself in the same INSERT (appendUnversioned):
// sha256(head || position::text || tail). A bigint's text form and
// JSON.stringify of a safe integer are the same digits.
export function hashDocumentAround(prevHash: Buffer | null, e: Omit<HashedFields, 'globalPosition'>): HashDocumentParts {
  const rest = canonicalJson([
    e.streamId,
    e.streamVersion,
    e.tenant,
    e.type,
    e.eventId,
    e.data,
    e.metadata,
    prevHash === null ? null : prevHash.toString('hex'),
  ]);
  return { head: `[${JSON.stringify(HASH_FORMAT)},`, tail: `,${rest.slice(1)}` };
}

/**
 * SHA-256 over the canonical encoding of the event and the previous event's
 * hash in its stream (null for a stream's first event and for unversioned
 * records). Canonical JSON keeps the hash stable across the jsonb round trip.
 */
export function eventHash(prevHash: Buffer | null, e: HashedFields): Buffer {
  if (!Number.isSafeInteger(e.globalPosition)) throw new Error(`not a position: ${e.globalPosition}`);
  const { head, tail } = hashDocumentAround(prevHash, e);
  return createHash('sha256').update(`${head}${e.globalPosition}${tail}`, 'utf8').digest();
}
