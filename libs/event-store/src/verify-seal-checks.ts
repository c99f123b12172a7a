import { timingSafeEqual, type KeyObject } from 'node:crypto';
import { sealMac, type SealedFields } from './seal-mac.js';

/** One seal as the seal walk (seal_seq order) sees it, with the event now stored at its position. */
export interface SealLink {
  seq: number;
  position: number;
  /** The event's transaction id and hash when it was sealed. */
  transactionId: string;
  eventHash: Buffer;
  kekId: string;
  mac: Buffer;
  /** The stored event's fields (seq and kekId are the seal's); null when no event is left at the position. */
  event: SealedFields | null;
}

/** The seal before `link` in the chain; null when `link` should be the first. */
export interface ChainHead {
  seq: number;
  mac: Buffer;
}

/**
 * Checks one seal against the chain and the event at its position. The MAC is
 * checked only when the key of the seal's KEK is at hand (`key` not null);
 * the caller reports the other seals as unverifiable.
 */
export function checkSeal(prev: ChainHead | null, link: SealLink, key: KeyObject | null): string | null {
  const expectedSeq = prev === null ? 1 : prev.seq + 1;
  if (link.seq !== expectedSeq) {
    return `seal ${link.seq} (position ${link.position}) follows seal ${expectedSeq - 1}: sealed events were removed before it`;
  }
  const e = link.event;
  if (e === null) return `the event sealed at position ${link.position} is gone (deleted)`;
  if (e.transactionId !== link.transactionId || e.hash !== link.eventHash.toString('hex')) {
    return `the event at position ${link.position} is not the one sealed there (altered, moved or replaced)`;
  }
  if (key === null) return null;
  const expected = sealMac(key, prev === null ? null : prev.mac, e);
  const matches = link.mac.length === expected.length && timingSafeEqual(link.mac, expected);
  return matches ? null : `the seal of position ${link.position} does not match (the event or the seal chain was forged)`;
}
