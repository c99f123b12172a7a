import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialEvent } from '#domain';

// kl_credential_grants holds the grants in force. It is written by the
// credential-view projection, after that projection's per-credential version
// guard, so a replayed or out-of-order event never resurrects a revoked grant.
const INSERT_GRANT = `insert into kl_credential_grants
  (grant_id, credential_id, grantee_kind, grantee_id, permission, granted_at, granted_by)
  values (?, ?, ?, ?, ?, ?, ?) on conflict (grant_id) do nothing`;
const DELETE_GRANT = `delete from kl_credential_grants where grant_id = ?`;
export const TRUNCATE_GRANTS = 'truncate kl_credential_grants';

/** Applies the grant events among `events` (already past the version guard), in order. */
export async function projectGrantEvents(tx: EntityManager, events: CredentialEvent[]): Promise<void> {
  for (const event of events) {
    if (event.type === 'CredentialGranted') {
      const { grantId, credentialId, grantee, permission, at, actor } = event.data;
      await tx.execute(INSERT_GRANT, [grantId, credentialId, grantee.kind, grantee.id, permission, at, actor], 'run');
    } else if (event.type === 'CredentialGrantRevoked') {
      await tx.execute(DELETE_GRANT, [event.data.grantId], 'run');
    }
  }
}
