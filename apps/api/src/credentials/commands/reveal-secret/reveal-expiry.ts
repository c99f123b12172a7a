import { AccessDeniedError } from '#domain';
import { isoOrNull } from '#database';
import type { RevealRow } from './reveal-secret.queries.js';

/** Set on a reveal or lookup of an expired credential: its expiresAt. */
export const EXPIRED_HEADER = 'keyledger-credential-expired';

/**
 * Whether the credential had expired at the read (decided by the database
 * clock in the reveal's one SELECT, not by the scanner, so it is exact), and
 * the 409 when expired credentials are refused (KEYLEDGER_REFUSE_EXPIRED). An
 * inactive or destroyed credential keeps its own refusal. The refusal is
 * recorded like every other (AccessDenied, reason `expired`).
 */
export function revealExpiry(row: RevealRow, refuseExpired: boolean, foundByLookup?: string): { expiresAt: string | null; expired: boolean } {
  const expiresAt = isoOrNull(row.expires_at);
  if (row.expired && refuseExpired && row.status === 'active') {
    const message = `credential expired at ${expiresAt}; extend expiresAt or rotate it to use it again`;
    throw new AccessDeniedError('CREDENTIAL_EXPIRED', message, 'expired', { expiresAt }, foundByLookup);
  }
  return { expiresAt, expired: row.expired };
}
