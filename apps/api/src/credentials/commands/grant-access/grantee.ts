import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, type Credential, type CredentialState } from '#domain';
import { findPrincipal } from '../../../principals/principal-rows.js';

/**
 * No principal crosses tenants: a grant names a principal of the credential's
 * own tenant. One of another tenant answers exactly like an unknown id.
 */
export async function assertGranteeInTenant(em: EntityManager, principalId: string, tenant: string): Promise<void> {
  const principal = await findPrincipal(em, principalId);
  if (principal && principal.tenant === tenant) return;
  throw new KeyledgerError('NOT_FOUND', `no principal ${principalId} in this tenant`, [
    { field: 'principalId', message: 'no principal with this id in the credential’s tenant' },
  ]);
}

/** The credential a grant command ran on (the runner refuses an absent one before any grant code runs). */
export function existing(state: CredentialState): Credential {
  if (state.status === 'absent') throw new Error('unreachable: the runner refuses an absent credential');
  return state;
}
