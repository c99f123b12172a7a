import type { EntityManager } from '@mikro-orm/postgresql';
import type { Credential } from '#domain';
import type { Vault } from '#secrets';

/** What a health check of a stored credential needs: its type and settings, and its current secret, opened. */
export interface OpenedTestTarget {
  type: string;
  username: string | null;
  host: string | null;
  extra: Readonly<Record<string, unknown>>;
  secret: string;
}

/**
 * Opens the current secret of an active credential for one health check. The
 * caller runs the check and drops the target; nothing here keeps the secret.
 */
export async function openTestTarget(em: EntityManager, vault: Vault, credential: Credential): Promise<OpenedTestTarget> {
  const { credentialId, secretVersion, metadata } = credential;
  const secret = await vault.open(em, credential.secret!, { credentialId, secretVersion });
  return { type: credential.credentialType, username: metadata.username, host: metadata.host, extra: metadata.extra, secret };
}
