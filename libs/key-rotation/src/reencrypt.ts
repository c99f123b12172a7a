import type { EntityManager } from '@mikro-orm/postgresql';
import { handleCredentialCommand, WORKER_ACTOR } from '#credential-store';
import type { CredentialCommand, CredentialState } from '#domain';
import type { BuildContext } from '#event-store';
import { lockDataKeys, rewrapDataKeys, type RewrapOutcome, type StoredDataKey, type Vault } from '#secrets';
import type { RotationDeps } from './rotation-deps.js';

/**
 * `reencrypt` mode: each current secret is sealed again (same plaintext, same
 * secretVersion) under a fresh data key wrapped by the active master key, a
 * SecretReencrypted event records it on the credential stream through the
 * credential command handler (its own savepoint per attempt), the read model
 * follows through the credential projection, and the old data key is deleted.
 * A user who changed the credential meanwhile (VERSION_CONFLICT) wins, and
 * the secret they wrote is what gets re-encrypted.
 */
export async function reencryptDataKeys(tx: EntityManager, deps: RotationDeps, dekIds: string[]): Promise<RewrapOutcome> {
  const outcome: RewrapOutcome = { done: [], failed: [] };
  const rows = new Map((await lockDataKeys(tx, dekIds)).map((row) => [row.dekId, row]));
  const notSealing: string[] = [];
  for (const dekId of dekIds) {
    const row = rows.get(dekId);
    if (row === undefined) outcome.done.push(dekId);
    else {
      const result = await reencryptOne(tx, deps, row);
      if (result === 'not-current') notSealing.push(dekId);
      else (result === 'done' ? outcome.done : outcome.failed).push(dekId);
    }
  }
  // A data key that seals no current secret has nothing to re-encrypt: it is rewrapped, like in rewrap mode.
  const rewrapped = await rewrapDataKeys(tx, deps.keys, notSealing);
  return { done: [...outcome.done, ...rewrapped.done], failed: [...outcome.failed, ...rewrapped.failed] };
}

type Result = 'done' | 'failed' | 'not-current';

async function reencryptOne(tx: EntityManager, deps: RotationDeps, row: StoredDataKey): Promise<Result> {
  let result: Result = 'not-current';
  await handleCredentialCommand(tx, deps.vault, {
    credentialId: row.credentialId,
    actor: WORKER_ACTOR,
    env: deps.env,
    build: async (state, context) => {
      const decided = await reencryption(deps.vault, row, state, context);
      result = decided.result;
      return decided.commands;
    },
    after: async ({ tx: attempt }) => {
      if (result === 'done') await deps.vault.retire(attempt, row.dekId);
    },
  });
  return result;
}

/** The ReencryptSecret command for the credential's current secret, if `row` is its data key and it still opens. */
async function reencryption(
  vault: Vault,
  row: StoredDataKey,
  state: CredentialState,
  { tx, metadata }: BuildContext<CredentialState>,
): Promise<{ result: Result; commands: CredentialCommand[] }> {
  if (state.status === 'absent' || state.secret === null || state.secret.dekId !== row.dekId)
    return { result: 'not-current', commands: [] };
  const binding = { credentialId: state.credentialId, secretVersion: state.secretVersion };
  let plaintext: string;
  try {
    plaintext = await vault.open(tx, state.secret, binding, row.wrapped);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'DECRYPTION_FAILED') return { result: 'failed', commands: [] };
    throw error;
  }
  const secret = await vault.sealUnderNewKey(tx, plaintext, binding);
  return { result: 'done', commands: [{ type: 'ReencryptSecret', data: { ...binding, secret }, metadata }] };
}
