import type { EntityManager } from '@mikro-orm/postgresql';
import { readLastUsed } from '#audit';
import type { CredentialResponse } from '../credential.response.js';

/**
 * lastUsedAt comes from the usage projection (kl_credential_usage), fed by
 * reveal and lookup events: the reveal path never writes the credential's
 * row, so concurrent reveals of one credential contend on nothing.
 */
export async function withLastUsed(em: EntityManager, credentials: CredentialResponse[]): Promise<CredentialResponse[]> {
  const used = await readLastUsed(
    em,
    credentials.map((c) => c.id),
  );
  return credentials.map((c) => ({ ...c, lastUsedAt: used.get(c.id) ?? c.lastUsedAt }));
}
