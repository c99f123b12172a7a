// Keyed fingerprints (lookups and dedup without storing a secret or an
// unkeyed hash of it) and comparison that does not leak where inputs differ.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const MIN_FINGERPRINT_KEY_BYTES = 32;

/** HMAC-SHA256 of `data` as lowercase hex. The key must be at least 32 bytes. */
export function keyedFingerprint(key: Buffer, data: string | Buffer): string {
  if (key.length < MIN_FINGERPRINT_KEY_BYTES) {
    throw new RangeError(`a fingerprint key must be at least ${MIN_FINGERPRINT_KEY_BYTES} bytes`);
  }
  return createHmac('sha256', key).update(data).digest('hex');
}

/**
 * Equality in time independent of where the strings differ. Both sides are
 * hashed first so inputs of different lengths take the same path too.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}
