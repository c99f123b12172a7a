import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '#domain';
import type { PageCursor } from '../http/page-cursor.js';

export interface PrincipalRow {
  id: string;
  tenant: string;
  name: string;
  role: Role;
  teams: string[];
  version: string | number;
  created_at: string;
  created_by: string;
}

export interface TokenRow {
  id: string;
  principal_id: string;
  tenant: string;
  description: string | null;
  expires_at: string | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  principal_name: string;
  role: Role;
}

const PRINCIPAL_COLUMNS = 'id, tenant, name, role, teams, version, created_at, created_by';
const TOKEN_COLUMNS = `t.id, t.principal_id, t.tenant, t.description, t.expires_at, t.created_at, t.created_by,
  t.revoked_at, t.revoked_by, p.name as principal_name, p.role`;

const FIND_PRINCIPAL = `select ${PRINCIPAL_COLUMNS} from kl_principals where id = ?`;
// Keyset paging on (created_at, id); one row more than asked tells whether a next page exists.
const LIST_PRINCIPALS = `select ${PRINCIPAL_COLUMNS} from kl_principals
  where tenant = ? and (created_at, id) > (?::timestamptz, ?::uuid) order by created_at, id limit ?`;
const FIND_TOKEN = `select ${TOKEN_COLUMNS} from kl_tokens t join kl_principals p on p.id = t.principal_id where t.id = ?`;
const LIST_TOKENS = `select ${TOKEN_COLUMNS} from kl_tokens t join kl_principals p on p.id = t.principal_id
  where t.tenant = ? and (?::uuid is null or t.principal_id = ?::uuid) and (t.created_at, t.id) > (?::timestamptz, ?::uuid)
  order by t.created_at, t.id limit ?`;

export async function findPrincipal(em: EntityManager, id: string): Promise<PrincipalRow | null> {
  return (await em.execute<PrincipalRow[]>(FIND_PRINCIPAL, [id]))[0] ?? null;
}

export function listPrincipals(em: EntityManager, tenant: string, after: PageCursor, limit: number): Promise<PrincipalRow[]> {
  return em.execute<PrincipalRow[]>(LIST_PRINCIPALS, [tenant, after.createdAt, after.id, limit]);
}

export async function findToken(em: EntityManager, id: string): Promise<TokenRow | null> {
  return (await em.execute<TokenRow[]>(FIND_TOKEN, [id]))[0] ?? null;
}

export function listTokens(
  em: EntityManager,
  tenant: string,
  principalId: string | null,
  after: PageCursor,
  limit: number,
): Promise<TokenRow[]> {
  return em.execute<TokenRow[]>(LIST_TOKENS, [tenant, principalId, principalId, after.createdAt, after.id, limit]);
}
