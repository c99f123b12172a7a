import type { EntityManager } from '@mikro-orm/postgresql';
import { evolve, type CredentialEvent, type CredentialState } from '#domain';
import { releaseName, reserveName } from './name-reservations.js';
import { hostPurposeOf, releaseHostPurpose, reserveHostPurpose, type HostPurpose } from './host-purpose-reservations.js';
import type { Vault } from '#secrets';
import { credentialStreamId } from './credential-stream.js';

/**
 * What must happen in the same transaction as the append: names are reserved
 * per tenant, and `(host, purpose)` per tenant among active credentials (a
 * duplicate of either fails the whole command); a destroy deletes the
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
      const { tenant, metadata } = event.data;
      await reserveName(tx, tenant, metadata.name, streamId);
      await reserve(tx, tenant, hostPurposeOf(metadata), streamId);
    } else if (state.status !== 'absent') {
      const pair = hostPurposeOf(state.metadata);
      if (event.type === 'CredentialMetadataChanged' && event.data.changes.name !== undefined) {
        await releaseName(tx, state.tenant, state.metadata.name, streamId);
        await reserveName(tx, state.tenant, event.data.changes.name, streamId);
      }
      if (event.type === 'CredentialMetadataChanged' && state.status === 'active') {
        const next = hostPurposeOf({ ...state.metadata, ...event.data.changes });
        if (!samePair(pair, next)) {
          await release(tx, state.tenant, pair, streamId);
          await reserve(tx, state.tenant, next, streamId);
        }
      }
      if (event.type === 'CredentialDeactivated') await release(tx, state.tenant, pair, streamId);
      if (event.type === 'CredentialRestored') await reserve(tx, state.tenant, pair, streamId);
      if (event.type === 'CredentialDestroyed') {
        await releaseName(tx, state.tenant, state.metadata.name, streamId);
        await release(tx, state.tenant, pair, streamId);
        await vault.shred(tx, event.data.credentialId);
      }
    }
    state = evolve(state, event);
  }
}

// Credentials without a host or without a purpose are not constrained.
async function reserve(tx: EntityManager, tenant: string, pair: HostPurpose | null, streamId: string): Promise<void> {
  if (pair) await reserveHostPurpose(tx, tenant, pair, streamId);
}

async function release(tx: EntityManager, tenant: string, pair: HostPurpose | null, streamId: string): Promise<void> {
  if (pair) await releaseHostPurpose(tx, tenant, pair, streamId);
}

function samePair(a: HostPurpose | null, b: HostPurpose | null): boolean {
  return a?.host === b?.host && a?.purpose === b?.purpose;
}
