// Fernet (https://github.com/fernet/spec, version 0x80) decryption, for
// importing secrets from the Fernet-encrypted stores that came before
// Keyledger. The HMAC is checked, in constant time, before anything is
// decrypted; no message carries key or plaintext bytes.
import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';

export type FernetFailure = 'key' | 'format' | 'version' | 'signature' | 'padding' | 'expired' | 'future';

export class FernetError extends Error {
  constructor(
    readonly reason: FernetFailure,
    message: string,
  ) {
    super(message);
    this.name = 'FernetError';
  }
}

export interface FernetKey {
  signingKey: Buffer;
  encryptionKey: Buffer;
}

const VERSION = 0x80;
const HEADER_BYTES = 1 + 8 + 16;
const HMAC_BYTES = 32;
const BLOCK = 16;
/** How far in the future a token's timestamp may be when a TTL is checked (as the reference implementations). */
const MAX_CLOCK_SKEW_SECONDS = 60;

/** Strict URL-safe base64, padded or not; anything else (`+`, `/`, stray characters, bad padding) is refused. */
function decodeBase64Url(text: string): Buffer | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  const unpadded = text.replace(/=+$/, '');
  const padded = text.length % 4 === 0 || text === unpadded;
  return padded && bytes.toString('base64url') === unpadded ? bytes : null;
}

/** A Fernet key: 32 bytes in URL-safe base64, as `Fernet.generate_key()` prints it. */
export function parseFernetKey(text: string): FernetKey {
  const bytes = decodeBase64Url(text.trim());
  if (bytes === null || bytes.length !== 32) {
    throw new FernetError('key', 'a Fernet key is 32 bytes in URL-safe base64 (44 characters, as Fernet.generate_key() prints it)');
  }
  return { signingKey: bytes.subarray(0, 16), encryptionKey: bytes.subarray(16) };
}

/**
 * The plaintext of a Fernet token. With `ttlSeconds`, also refuses a token
 * older than that or stamped too far in the future (`now` in ms).
 */
export function fernetDecrypt(token: string, key: FernetKey, options: { ttlSeconds?: number; now?: number } = {}): Buffer {
  const bytes = decodeBase64Url(token.trim());
  if (bytes === null) throw new FernetError('format', 'not a Fernet token: invalid URL-safe base64');
  if (bytes.length < HEADER_BYTES + BLOCK + HMAC_BYTES || (bytes.length - HEADER_BYTES - HMAC_BYTES) % BLOCK !== 0) {
    throw new FernetError('format', 'not a Fernet token: wrong length');
  }
  if (bytes[0] !== VERSION) throw new FernetError('version', `unsupported Fernet version 0x${bytes[0]!.toString(16)}`);
  if (options.ttlSeconds !== undefined) checkAge(bytes.readBigUInt64BE(1), options.ttlSeconds, options.now ?? Date.now());
  const signed = bytes.subarray(0, bytes.length - HMAC_BYTES);
  const expected = createHmac('sha256', key.signingKey).update(signed).digest();
  if (!timingSafeEqual(expected, bytes.subarray(bytes.length - HMAC_BYTES))) {
    throw new FernetError('signature', 'Fernet token failed its HMAC check: wrong key, or the token was altered');
  }
  try {
    const decipher = createDecipheriv('aes-128-cbc', key.encryptionKey, bytes.subarray(9, HEADER_BYTES));
    return Buffer.concat([decipher.update(signed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new FernetError('padding', 'Fernet token has a valid HMAC but does not decrypt (bad padding)');
  }
}

function checkAge(timestamp: bigint, ttlSeconds: number, nowMs: number): void {
  const now = Math.floor(nowMs / 1000);
  const issued = Number(timestamp);
  if (issued > now + MAX_CLOCK_SKEW_SECONDS) throw new FernetError('future', 'Fernet token is stamped in the future');
  if (issued + ttlSeconds < now) throw new FernetError('expired', 'Fernet token has expired');
}
