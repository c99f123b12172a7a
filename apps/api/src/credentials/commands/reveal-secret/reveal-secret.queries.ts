import type { EntityManager } from '@mikro-orm/postgresql';
import { foldName, type CredentialStatus, type GrantRef } from '#domain';
import { callerGrantsColumn, callerParams, reachCondition } from '../../../access/grant-scope.sql.js';
import type { Principal } from '../../../auth/principal.js';
import type { RevealTarget } from './reveal-secret.command.js';

export interface RevealRow {
  id: string;
  tenant: string;
  name: string;
  type: string;
  username: string | null;
  host: string | null;
  purpose: string | null;
  extra: Record<string, unknown>;
  status: CredentialStatus;
  secret_version: number;
  secret_ciphertext: string | null;
  secret_preview: string | null;
  dek_id: string | null;
  wrapped: string | null;
  /** The caller's grants on the credential (for the access policy). */
  grants: GrantRef[];
  expires_at: string | null;
}

// One read: the credential row with its wrapped data key and the caller's grants on it.
const SELECT = `select c.id, c.tenant, c.name, c.type, c.username, c.host, c.purpose, c.extra, c.status, c.secret_version,
  c.secret_ciphertext, c.secret_preview, c.dek_id, k.wrapped, ${callerGrantsColumn('c')} as grants,
  c.expires_at
  from kl_credentials c left join kl_data_keys k on k.dek_id = c.dek_id`;
const BY_ID = `${SELECT} where c.id = ? and c.tenant = ?`;
// Lookups search only what the caller may use (a service: its `use` grants).
// A name matches ignoring case (on its folded key, as names are unique). Two
// names equal ignoring case exist only from before names were unique so
// (see migration 0009): the exact spelling wins, then the older credential.
const BY_NAME = `${SELECT} where c.tenant = ? and c.name_key = ? and c.status <> 'destroyed'`;
const EXACT_FIRST = 'order by c.name = ? desc, c.created_at, c.id limit 1';
const BY_HOST_PURPOSE = `${SELECT} where c.tenant = ? and c.host = ? and c.purpose = ? and c.status = 'active'`;
const FIRST_TWO = 'order by c.created_at limit 2';

/** Candidates for a reveal in the caller's tenant; more than one only for an ambiguous host/purpose lookup. */
export function findRevealCandidates(em: EntityManager, principal: Principal, target: RevealTarget): Promise<RevealRow[]> {
  const head = callerParams(principal);
  if ('id' in target) return em.execute<RevealRow[]>(BY_ID, [...head, target.id, principal.tenant]);
  const reach = reachCondition(principal, 'lookup', 'c');
  if ('name' in target) {
    const name = target.name.trim();
    return em.execute<RevealRow[]>(`${BY_NAME} and ${reach.sql} ${EXACT_FIRST}`, [
      ...head,
      principal.tenant,
      foldName(name),
      ...reach.params,
      name,
    ]);
  }
  return em.execute<RevealRow[]>(`${BY_HOST_PURPOSE} and ${reach.sql} ${FIRST_TWO}`, [
    ...head,
    principal.tenant,
    target.host,
    target.purpose,
    ...reach.params,
  ]);
}
