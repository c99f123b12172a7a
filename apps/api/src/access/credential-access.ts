import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeGrants,
  checkAccess,
  credentialNotFound,
  enforceAccess,
  type CredentialAction,
  type CredentialState,
  type RouteAction,
} from '#domain';
import type { Principal } from '../auth/principal.js';
import { loadViews, type CredentialView } from '#credential-store';
import { loadCallerGrants } from './grant-scope.sql.js';

/**
 * The policy on the write path: the aggregate, folded from its stream, holds
 * its tenant and grants. A missing credential and a hidden one throw the same
 * NOT_FOUND. `create` and `test_unsaved` concern no existing credential.
 */
export function assertCredentialAccess(state: CredentialState, principal: Principal, credentialId: string, action: RouteAction): void {
  if (action === 'create' || action === 'test_unsaved') return;
  if (state.status === 'absent') throw credentialNotFound(credentialId);
  enforceAccess(checkAccess(principal, { tenant: state.tenant, grants: activeGrants(state) }, action), credentialId, action);
}

/** The read-model row of a credential the caller may `action`, or the refusal (404 hidden or missing, 403). */
export async function findAccessibleView(
  em: EntityManager,
  principal: Principal,
  credentialId: string,
  action: CredentialAction,
): Promise<CredentialView> {
  const view = (await loadViews(em, [credentialId])).get(credentialId);
  if (!view || view.tenant !== principal.tenant) throw credentialNotFound(credentialId);
  const grants = await loadCallerGrants(em, principal, credentialId, action);
  enforceAccess(checkAccess(principal, { tenant: view.tenant, grants }, action), credentialId, action);
  return view;
}
