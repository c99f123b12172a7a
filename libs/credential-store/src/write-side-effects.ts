import type { EntityManager } from '@mikro-orm/postgresql';
import { evolve, type CredentialEvent, type CredentialState } from '#domain';
import { releaseName, reserveName } from './name-reservations.js';
import type { Vault } from '#secrets';
import { credentialStreamId } from './credential-stream.js';

/**
 * What must happen in the same transaction as the append: names are reserved
 * per tenant (a duplicate fails the whole command), and a destroy deletes the
 * credential's data keys (crypto-shredding) and frees its name.
 */
export async function applyWriteSideEffects(
  tx: EntityManager,
  vault: Vault,
  before: CredentialState,
  events: CredentialEvent[],
): Promise<void> {
  let state = before;
  for (const event of events) {
    const streamId = credentialStreamId(event.data.credentialId);
    if (event.type === 'CredentialRegistered') {
      await reserveName(tx, event.data.tenant, event.data.metadata.name, streamId);
    } else if (state.status !== 'absent') {
      if (event.type === 'CredentialMetadataChanged' && event.data.changes.name !== undefined) {
        await releaseName(tx, state.tenant, state.metadata.name, streamId);
        await reserveName(tx, state.tenant, event.data.changes.name, streamId);
      }
      if (event.type === 'CredentialDestroyed') {
        await releaseName(tx, state.tenant, state.metadata.name, streamId);
        await vault.shred(tx, event.data.credentialId);
      }
    }
    state = evolve(state, event);
  }
}
