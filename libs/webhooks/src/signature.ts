import { constantTimeEqual, keyedFingerprint } from '#crypto';

// `Keyledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
// The timestamp is signed with the body, so a receiver that refuses old
// timestamps also refuses a captured delivery sent again later.

export const MIN_SECRET_LENGTH = 32;
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** HMAC-SHA256 over `<t>.<body>` with the secret's UTF-8 bytes as the key, hex. */
function mac(secret: string, unixSeconds: number, body: string): string {
  return keyedFingerprint(Buffer.from(secret, 'utf8'), `${unixSeconds}.${body}`);
}

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${mac(secret, unixSeconds, body)}`;
}

/** The receiver's check: a v1 signature matches and `t` is within the tolerance of `nowSeconds`. */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): boolean {
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = Number(parts.find(([key]) => key === 't')?.[1]);
  if (!Number.isSafeInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = mac(secret, t, body);
  return parts.some(([key, value]) => key === 'v1' && value !== undefined && constantTimeEqual(value, expected));
}
