import type { EntityManager } from '@mikro-orm/postgresql';
import { nextSecretVersion, validateSecret, ValidationError, type CommandMetadata, type CredentialState, type RotateSecret } from '#domain';
import type { Vault } from '#secrets';

/**
 * Seals `secret` as the credential's next secret version (the version is bound
 * into the ciphertext) and returns the RotateSecret command. Shared by
 * POST .../rotate and PUT with a `secret`.
 */
export async function buildRotation(
  tx: EntityManager,
  vault: Vault,
  state: CredentialState,
  secret: unknown,
  metadata: CommandMetadata,
): Promise<RotateSecret> {
  const secretVersion = nextSecretVersion(state);
  if (state.status === 'absent' || state.secret === null) throw new Error('unreachable: nextSecretVersion checks state');
  const issues = validateSecret(state.credentialType, state.metadata.extra, secret);
  if (issues.length > 0) throw new ValidationError('the new secret is not valid for this credential', issues);
  const sealed = await vault.sealNext(tx, state.secret, secret as string, { credentialId: state.credentialId, secretVersion });
  return { type: 'RotateSecret', data: { credentialId: state.credentialId, secretVersion, secret: sealed }, metadata };
}
