import { KeyledgerError } from '#domain';
import type { Principal } from '../auth/principal.js';
import { BOOTSTRAP_PRINCIPAL_ID } from '../auth/token-principal.resolver.js';

// No principal crosses tenants, with one exception: the bootstrap admin (the
// operator of the installation, from KEYLEDGER_BOOTSTRAP_TOKEN) creates the
// first principals of every tenant, since nobody else could. It still sees
// and uses credentials of its own tenant only.

/** The tenant a principal administration request acts on. */
export function administeredTenant(actor: Principal, requested: string | undefined): string {
  if (requested === undefined || requested === actor.tenant) return actor.tenant;
  if (actor.id === BOOTSTRAP_PRINCIPAL_ID) return requested;
  throw new KeyledgerError('FORBIDDEN', 'only the bootstrap admin manages principals of another tenant');
}

/** Whether `actor` may administer principals and tokens of `tenant`. */
export function administers(actor: Principal, tenant: string): boolean {
  return tenant === actor.tenant || actor.id === BOOTSTRAP_PRINCIPAL_ID;
}
