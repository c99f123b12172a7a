import type { EntityManager } from '@mikro-orm/postgresql';
import { accessScope, type CredentialAction, type GrantRef } from '#domain';
import type { Principal } from '../auth/principal.js';

// The access policy (#domain accessScope/checkAccess) as SQL, for reads that
// must filter in the database: lists, lookups and the reveal SELECT. `g` is
// kl_credential_grants; a grant applies to the caller when it names the
// caller's principal id or one of its teams.

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

const GRANT_APPLIES = `((g.grantee_kind = 'principal' and g.grantee_id = ?)
  or (g.grantee_kind = 'team' and g.grantee_id in (select jsonb_array_elements_text(?::jsonb))))`;
/** The parameters GRANT_APPLIES (and so callerGrantsColumn) takes, in order. */
export const callerParams = (principal: Principal): unknown[] => [principal.id, JSON.stringify(principal.teams)];

/** A select-list column: the caller's grants on credential `alias`, as a jsonb array of GrantRef; takes callerParams. */
export function callerGrantsColumn(alias: string): string {
  return `coalesce((select jsonb_agg(jsonb_build_object('grantee', jsonb_build_object('kind', g.grantee_kind, 'id', g.grantee_id),
    'permission', g.permission)) from kl_credential_grants g where g.credential_id = ${alias}.id and ${GRANT_APPLIES}), '[]'::jsonb)`;
}

/** A WHERE condition keeping the credentials (`alias`) of the caller's tenant it reaches for `action`. */
export function reachCondition(principal: Principal, action: CredentialAction, alias: string): SqlFragment {
  const scope = accessScope(principal.role, action);
  if (scope.kind === 'tenant') return { sql: 'true', params: [] };
  if (scope.kind === 'none') return { sql: 'false', params: [] };
  const sql = `exists (select 1 from kl_credential_grants g where g.credential_id = ${alias}.id
    and g.permission in (?) and ${GRANT_APPLIES})`;
  return { sql, params: [[...scope.permissions], ...callerParams(principal)] };
}

const CALLER_GRANTS = `select g.grantee_kind as kind, g.grantee_id as id, g.permission
  from kl_credential_grants g where g.credential_id = ? and ${GRANT_APPLIES}`;

/** The caller's grants on one credential; none are read for roles whose reach does not depend on grants. */
export async function loadCallerGrants(
  em: EntityManager,
  principal: Principal,
  credentialId: string,
  action: CredentialAction,
): Promise<GrantRef[]> {
  const needsGrants = [accessScope(principal.role, 'read'), accessScope(principal.role, action)].some((s) => s.kind === 'grants');
  if (!needsGrants) return [];
  const rows = await em.execute<{ kind: 'principal' | 'team'; id: string; permission: GrantRef['permission'] }[]>(CALLER_GRANTS, [
    credentialId,
    ...callerParams(principal),
  ]);
  return rows.map((row) => ({ grantee: { kind: row.kind, id: row.id }, permission: row.permission }));
}
