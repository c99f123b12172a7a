import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialEvent } from '#domain';

// kl_credential_grants holds the grants in force. It is written by the
// credential-view projection, after that projection's per-credential version
// guard, so a replayed or out-of-order event never resurrects a revoked grant.
// A batch is written with at most two statements, revocations first, then the
// grants the batch leaves in force.
const GRANT_COLUMNS = 'grant_id, credential_id, grantee_kind, grantee_id, permission, granted_at, granted_by';
const INSERT_GRANTS = `insert into kl_credential_grants (${GRANT_COLUMNS})
  select ${GRANT_COLUMNS} from jsonb_populate_recordset(null::kl_credential_grants, ?::jsonb)
  on conflict (grant_id) do nothing`;
const DELETE_GRANTS = `delete from kl_credential_grants where grant_id in (?)`;
export const TRUNCATE_GRANTS = 'truncate kl_credential_grants';

type Granted = Extract<CredentialEvent, { type: 'CredentialGranted' }>['data'];

/**
 * Applies the grant events among `events` (already past the version guard)
 * with the effect of applying them one by one: a grant revoked anywhere in
 * the batch is deleted; a grant recorded after its last revocation (or never
 * revoked) is inserted as its first such event says, unless its row exists.
 */
export async function projectGrantEvents(tx: EntityManager, events: CredentialEvent[]): Promise<void> {
  const revoked = new Set<string>();
  const inForce = new Map<string, Granted>();
  for (const event of events) {
    if (event.type === 'CredentialGranted') {
      if (!inForce.has(event.data.grantId)) inForce.set(event.data.grantId, event.data);
    } else if (event.type === 'CredentialGrantRevoked') {
      revoked.add(event.data.grantId);
      inForce.delete(event.data.grantId);
    }
  }
  if (revoked.size > 0) await tx.execute(DELETE_GRANTS, [[...revoked]], 'run');
  if (inForce.size === 0) return;
  const rows = [...inForce.values()].map((g) => ({
    grant_id: g.grantId,
    credential_id: g.credentialId,
    grantee_kind: g.grantee.kind,
    grantee_id: g.grantee.id,
    permission: g.permission,
    granted_at: g.at,
    granted_by: g.actor,
  }));
  await tx.execute(INSERT_GRANTS, [JSON.stringify(rows)], 'run');
}
