import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { constantTimeEqual } from './fingerprint.js';

// Bearer tokens: `klt_<token id, 32 hex>_<secret, 43 base64url chars = 256 bits>`.
// The prefix lets secret scanners recognise a leaked token; the id finds the
// stored row in one indexed read; only SHA-256 of the secret is stored, and
// compared in constant time. A plain hash is enough for a 256-bit random
// secret (nothing to brute-force), and unlike a keyed one it survives a
// master-key rotation.

const TOKEN = /^klt_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  tokenId: string;
  /** Shown to the caller once, never stored. */
  token: string;
  secretHash: string;
}

export function generateToken(): IssuedToken {
  const tokenId = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { tokenId, token: `klt_${tokenId.replaceAll('-', '')}_${secret}`, secretHash: hashTokenSecret(secret) };
}

/** The token id and secret of a well-formed token, or null. */
export function parseToken(token: string): { tokenId: string; secret: string } | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const hex = match[1]!;
  const tokenId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { tokenId, secret: match[2]! };
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function tokenSecretMatches(secret: string, storedHash: string): boolean {
  return constantTimeEqual(hashTokenSecret(secret), storedHash);
}
