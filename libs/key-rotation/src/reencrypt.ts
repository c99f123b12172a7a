import type { EntityManager } from '@mikro-orm/postgresql';
import { appendCredentialEvents, decideAll, loadCredential, SYSTEM_COMMAND_ATTEMPTS, WORKER_ACTOR } from '#credential-store';
import { KeyledgerError } from '#domain';
import { lockDataKeys, rewrapDataKeys, type RewrapOutcome, type StoredDataKey, type Vault } from '#secrets';
import type { KeyProvider } from '#crypto';

/**
 * `reencrypt` mode: each current secret is sealed again (same plaintext, same
 * secretVersion) under a fresh data key wrapped by the active master key, a
 * SecretReencrypted event records it on the credential stream through the
 * domain's decide with the loaded version as the expected one, the read model
 * follows through the credential projection, and the old data key is deleted.
 * One savepoint per credential: a user who changed the credential meanwhile
 * (VERSION_CONFLICT) wins, and the secret they wrote is what gets re-encrypted.
 */
export async function reencryptDataKeys(tx: EntityManager, keys: KeyProvider, vault: Vault, dekIds: string[]): Promise<RewrapOutcome> {
  const outcome: RewrapOutcome = { done: [], failed: [] };
  const rows = new Map((await lockDataKeys(tx, dekIds)).map((row) => [row.dekId, row]));
  const notSealing: string[] = [];
  for (const dekId of dekIds) {
    const row = rows.get(dekId);
    if (row === undefined) outcome.done.push(dekId);
    else {
      const result = await withRetries(() => tx.transactional((sp) => reencryptOne(sp, vault, row)));
      if (result === 'not-current') notSealing.push(dekId);
      else (result === 'done' ? outcome.done : outcome.failed).push(dekId);
    }
  }
  // A data key that seals no current secret has nothing to re-encrypt: it is rewrapped, like in rewrap mode.
  const rewrapped = await rewrapDataKeys(tx, keys, notSealing);
  return { done: [...outcome.done, ...rewrapped.done], failed: [...outcome.failed, ...rewrapped.failed] };
}

type Result = 'done' | 'failed' | 'not-current';

async function reencryptOne(tx: EntityManager, vault: Vault, row: StoredDataKey): Promise<Result> {
  const loaded = await loadCredential(tx, row.credentialId);
  const { state } = loaded;
  if (state.status === 'absent' || state.secret === null || state.secret.dekId !== row.dekId) return 'not-current';
  const binding = { credentialId: state.credentialId, secretVersion: state.secretVersion };
  let plaintext: string;
  try {
    plaintext = await vault.open(tx, state.secret, binding, row.wrapped);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'DECRYPTION_FAILED') return 'failed';
    throw error;
  }
  const secret = await vault.sealUnderNewKey(tx, plaintext, binding);
  const metadata = { actor: WORKER_ACTOR, now: new Date().toISOString() };
  const { events } = decideAll([{ type: 'ReencryptSecret', data: { ...binding, secret }, metadata }], state);
  await appendCredentialEvents(tx, vault, loaded, events);
  await vault.retire(tx, row.dekId);
  return 'done';
}

async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const conflict = error instanceof KeyledgerError && error.code === 'VERSION_CONFLICT';
      if (!conflict || attempt >= SYSTEM_COMMAND_ATTEMPTS) throw error;
    }
  }
}
