import { AccessDeniedError, checkAccess, credentialNotFound, enforceAccess, type AccessChannel } from '#domain';
import type { Principal } from '../../../auth/principal.js';
import type { RevealTarget } from './reveal-secret.command.js';
import type { RevealRow } from './reveal-secret.queries.js';

/** The same answer for a name or host/purpose that matches nothing and for one the caller may not use. */
export function lookupNotFound(target: RevealTarget): AccessDeniedError {
  if ('id' in target) return credentialNotFound(target.id);
  const message = 'name' in target
    ? `no credential named "${target.name}"`
    : `no active credential for host "${target.host}" and purpose "${target.purpose}"`;
  return new AccessDeniedError('NOT_FOUND', message, 'not_found');
}

/**
 * The access policy on the row the reveal read found (with the caller's
 * grants): a reveal by id answers 404 for a credential the caller may not
 * see and 403 for one it sees but may not use; a lookup already searched
 * only what the caller may use, so anything else is just not found.
 */
export function authorizeReveal(principal: Principal, row: RevealRow, target: RevealTarget, via: AccessChannel): void {
  const decision = checkAccess(principal, { tenant: row.tenant, grants: row.grants }, via);
  if ('id' in target) return enforceAccess(decision, target.id, via);
  if (!decision.allowed) throw lookupNotFound(target);
}
