import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/** Tags the sealed document; a future encoding gets a new tag. */
export const SEAL_FORMAT = 'kl-seal-v1';

/** What the seal key is derived for, from the KEK a seal names (`deriveKeyFor(kekId, SEAL_KEY_PURPOSE)`). */
export const SEAL_KEY_PURPOSE = 'event-seal/v1';

/** The fields of one event a seal covers, as stored. */
export interface SealedFields {
  /** 1, 2, ...: the place of the seal in the chain (log order). */
  sealSeq: number;
  kekId: string;
  globalPosition: number;
  /** xid8 as decimal text. */
  transactionId: string;
  eventId: string;
  streamId: string;
  streamType: string;
  streamVersion: number | null;
  tenant: string;
  type: string;
  /** recorded_at as microseconds since the epoch, decimal text: the stored value exactly. */
  recordedAtMicros: string;
  /** The event's SHA-256, hex: covers data, metadata and the stream link (verify recomputes it). */
  hash: string;
  prevHash: string | null;
}

// Data and metadata are covered through `hash`, which verify recomputes from
// the row before it checks the seal: the canonical encoding of a (possibly
// large) payload runs once per event, not twice. Every member is a string, a
// safe integer or null, so JSON.stringify of the array already is the
// canonical JSON (no keys to sort), without canonicalJson's round trip.
function sealedDocument(f: SealedFields): string {
  return JSON.stringify([
    SEAL_FORMAT,
    f.sealSeq,
    f.kekId,
    f.globalPosition,
    f.transactionId,
    f.eventId,
    f.streamId,
    f.streamType,
    f.streamVersion,
    f.tenant,
    f.type,
    f.recordedAtMicros,
    f.hash,
    f.prevHash,
  ]);
}

/**
 * The seal key as a KeyObject: HMAC with a raw Buffer key imports the key on
 * every call, which costs an order of magnitude more than the MAC itself.
 */
export function sealKeyObject(key: Buffer): KeyObject {
  if (key.length < 32) throw new RangeError('a seal key must be at least 32 bytes');
  return createSecretKey(key);
}

/**
 * HMAC-SHA256(key, prevMac || canonical fields). Chaining on the previous
 * seal's MAC makes a removed, reordered or inserted seal break every MAC
 * after it; the key makes the chain impossible to rebuild without the master key.
 */
export function sealMac(key: KeyObject, prevMac: Buffer | null, fields: SealedFields): Buffer {
  const hmac = createHmac('sha256', key);
  if (prevMac !== null) hmac.update(prevMac);
  return hmac.update(sealedDocument(fields), 'utf8').digest();
}
