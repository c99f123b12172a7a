// Whether a reveal or lookup of a secret is answered. The caller reads the
// candidates (the credentials the request names, with the caller's grants on
// each) in one query; everything decided from them is here: which refusal
// (code, message, and what the AccessDenied record says), or the credential
// to open and whether it had expired at `now`.

import { accessRefusal, AccessDeniedError, credentialNotFound } from '../access/denial.js';
import { checkAccess, type AccessSubject, type GrantRef } from '../access/policy.js';
import type { AccessChannel } from '../access/types.js';
import { KeyledgerError } from '../errors.js';
import { isExpiryDue } from './expiry.js';
import type { CredentialStatus } from './types.js';

/** What a reveal names: a credential id (reveal), or a name or host/purpose (lookup). */
export type RevealTarget = { id: string } | { name: string } | { host: string; purpose: string };

export interface RevealRequest {
  subject: AccessSubject;
  target: RevealTarget;
  via: AccessChannel;
}

/** A credential the request may name, as read for the reveal. */
export interface RevealCandidate {
  id: string;
  name: string;
  tenant: string;
  /** The caller's grants in force on it (all the access policy needs). */
  grants: readonly GrantRef[];
  status: CredentialStatus;
  /** Whether the sealed secret is still there (its ciphertext and data key). */
  hasSecret: boolean;
  /** ISO-8601 instant, or null for a credential that does not expire. */
  expiresAt: string | null;
}

export interface RevealContext {
  /** ISO-8601 instant of the read. */
  now: string;
  /** KEYLEDGER_REFUSE_EXPIRED: refuse an expired credential instead of answering it flagged. */
  refuseExpired: boolean;
}

/**
 * `refused`: an AccessDeniedError is recorded as AccessDenied with its
 * reason, on its credentialId (the credential a lookup found) or else on the
 * id a reveal asked for or the caller's own stream; the one plain
 * KeyledgerError (an ambiguous host/purpose lookup) is not recorded.
 * `allowed`: the credential to open, and whether its expiresAt had passed.
 */
export type RevealDecision<C extends RevealCandidate> =
  { allowed: false; refused: KeyledgerError } | { allowed: true; credential: C; expired: boolean };

/**
 * In order: nothing found (404, the same answer as a credential the caller
 * may not see); more than one host/purpose match (INVALID_STATE, listing
 * them); the access policy (a reveal by id: 404 for what the caller may not
 * see, 403 for what it sees but may not reveal; a lookup, which searched only
 * what the caller may use: not found); a destroyed credential or one without
 * its secret (CREDENTIAL_DESTROYED); an inactive one (CREDENTIAL_INACTIVE);
 * an expired one when expired credentials are refused (CREDENTIAL_EXPIRED,
 * with its expiresAt). Otherwise allowed, expired when expiresAt <= now.
 */
export function decideReveal<C extends RevealCandidate>(
  request: RevealRequest,
  candidates: readonly C[],
  context: RevealContext,
): RevealDecision<C> {
  const { subject, target, via } = request;
  const refused = (error: KeyledgerError): RevealDecision<C> => ({ allowed: false, refused: error });
  const credential = candidates[0];
  if (credential === undefined) return refused(lookupNotFound(target));
  if (candidates.length > 1) {
    const message = 'more than one active credential matches this host and purpose; look it up by name';
    return refused(new KeyledgerError('INVALID_STATE', message, { matches: candidates.map((c) => ({ id: c.id, name: c.name })) }));
  }
  const decision = checkAccess(subject, credential, via);
  if ('id' in target) {
    const refusal = accessRefusal(decision, target.id, via);
    if (refusal) return refused(refusal);
  } else if (!decision.allowed) {
    return refused(lookupNotFound(target));
  }
  // A lookup's refusal is recorded on the credential it found; a reveal's on the id it asked for.
  const found = 'id' in target ? undefined : credential.id;
  if (credential.status === 'destroyed' || !credential.hasSecret) {
    const message = 'credential was destroyed; its secret is gone for good';
    return refused(new AccessDeniedError('CREDENTIAL_DESTROYED', message, 'destroyed', undefined, found));
  }
  if (credential.status === 'inactive') {
    const message = 'credential is deactivated; restore it to reveal its secret';
    return refused(new AccessDeniedError('CREDENTIAL_INACTIVE', message, 'inactive', undefined, found));
  }
  const { expiresAt } = credential;
  const expired = expiresAt !== null && isExpiryDue(expiresAt, 0, context.now);
  if (expired && context.refuseExpired) {
    const message = `credential expired at ${expiresAt}; extend expiresAt or rotate it to use it again`;
    return refused(new AccessDeniedError('CREDENTIAL_EXPIRED', message, 'expired', { expiresAt }, found));
  }
  return { allowed: true, credential, expired };
}

/** The same answer for a name or host/purpose that matches nothing and for one the caller may not use. */
function lookupNotFound(target: RevealTarget): AccessDeniedError {
  if ('id' in target) return credentialNotFound(target.id);
  const message =
    'name' in target
      ? `no credential named "${target.name}"`
      : `no active credential for host "${target.host}" and purpose "${target.purpose}"`;
  return new AccessDeniedError('NOT_FOUND', message, 'not_found');
}
