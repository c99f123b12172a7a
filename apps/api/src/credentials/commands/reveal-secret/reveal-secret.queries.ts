import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialStatus } from '#domain';
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
}

// One read: the credential row with its wrapped data key.
const SELECT = `select c.id, c.tenant, c.name, c.type, c.username, c.host, c.purpose, c.extra, c.status, c.secret_version,
  c.secret_ciphertext, c.secret_preview, c.dek_id, k.wrapped
  from kl_credentials c left join kl_data_keys k on k.dek_id = c.dek_id`;
const BY_ID = `${SELECT} where c.id = ? and c.tenant = ?`;
const BY_NAME = `${SELECT} where c.tenant = ? and c.name = ? and c.status <> 'destroyed'`;
const BY_HOST_PURPOSE = `${SELECT} where c.tenant = ? and c.host = ? and c.purpose = ? and c.status = 'active'
  order by c.created_at limit 2`;

/** Candidates for a reveal in the tenant; more than one only for an ambiguous host/purpose lookup. */
export function findRevealCandidates(em: EntityManager, tenant: string, target: RevealTarget): Promise<RevealRow[]> {
  if ('id' in target) return em.execute<RevealRow[]>(BY_ID, [target.id, tenant]);
  if ('name' in target) return em.execute<RevealRow[]>(BY_NAME, [tenant, target.name]);
  return em.execute<RevealRow[]>(BY_HOST_PURPOSE, [tenant, target.host, target.purpose]);
}
