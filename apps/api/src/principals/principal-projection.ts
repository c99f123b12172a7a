import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, type PrincipalEvent } from '#domain';

const INSERT_PRINCIPAL = `insert into kl_principals (id, tenant, name, role, teams, version, created_at, created_by)
  values (?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?)`;
const SET_PRINCIPAL_VERSION = `update kl_principals set version = ? where id = ?`;
const INSERT_TOKEN = `insert into kl_tokens (id, principal_id, tenant, secret_hash, description, expires_at, created_at, created_by)
  values (?, ?, ?, ?, ?, ?, ?, ?)`;
const REVOKE_TOKEN = `update kl_tokens set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null`;

const UNIQUE_VIOLATION = '23505';

/**
 * Applies a principal's new events to kl_principals and kl_tokens, in the
 * transaction that appended them. Secret hashes are not in the events: the
 * caller passes the hash of each token it issued.
 */
export async function projectPrincipalEvents(
  tx: EntityManager,
  tenant: string,
  events: PrincipalEvent[],
  version: number,
  secretHashes: ReadonlyMap<string, string>,
): Promise<void> {
  for (const event of events) {
    if (event.type === 'PrincipalCreated') {
      const d = event.data;
      await insertPrincipal(tx, [d.principalId, d.tenant, d.name, d.role, JSON.stringify(d.teams), version, d.at, d.actor]);
    } else if (event.type === 'TokenIssued') {
      const hash = secretHashes.get(event.data.tokenId);
      if (!hash) throw new Error(`no secret hash for token ${event.data.tokenId}`);
      const d = event.data;
      await tx.execute(INSERT_TOKEN, [d.tokenId, d.principalId, tenant, hash, d.description, d.expiresAt, d.at, d.actor], 'run');
    } else {
      const d = event.data;
      await tx.execute(REVOKE_TOKEN, [d.at, d.actor, d.tokenId], 'run');
    }
  }
  if (events.length > 0) await tx.execute(SET_PRINCIPAL_VERSION, [version, events[0]!.data.principalId], 'run');
}

async function insertPrincipal(tx: EntityManager, params: unknown[]): Promise<void> {
  try {
    await tx.execute(INSERT_PRINCIPAL, params, 'run');
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new KeyledgerError('DUPLICATE_NAME', `a principal named "${String(params[2])}" already exists in this tenant`);
    }
    throw error;
  }
}
