import { applyChanges } from './changes.js';
import { evolveGrants } from './grants.js';
import { evolveHealth, isHealthEvent, NO_TESTS, type HealthEvent } from './health.js';
import { evolveExpiry, rearmOnNewExpiry } from './expiry.js';
import type { Credential, CredentialEvent, CredentialState } from './types.js';

export function initialState(): CredentialState {
  return { status: 'absent' };
}

/**
 * Applies one stored event. Total: an event that cannot apply to the state
 * (anything but CredentialRegistered on an absent stream) leaves it unchanged,
 * because replaying the log must never throw.
 */
export function evolve(state: CredentialState, event: CredentialEvent): CredentialState {
  if (event.type === 'CredentialRegistered') {
    if (state.status !== 'absent') return state;
    const { data } = event;
    return {
      status: 'active',
      credentialId: data.credentialId,
      tenant: data.tenant,
      credentialType: data.credentialType,
      metadata: data.metadata,
      secretVersion: data.secretVersion,
      secret: data.secret,
      createdAt: data.at,
      updatedAt: data.at,
      rotatedAt: null,
      createdBy: data.actor,
      updatedBy: data.actor,
      grants: {},
      health: NO_TESTS,
    };
  }
  if (state.status === 'absent') return state;
  // Not a change anyone made to the credential: only the ciphertext differs.
  if (event.type === 'SecretReencrypted') return state.secret === null ? state : { ...state, secret: event.data.secret };
  // A health check observes the credential; it does not change it (updatedAt stays).
  if (isHealthEvent(event)) return { ...state, health: evolveHealth(state.health, event) };
  return evolveExisting(state, event);
}

type UserChange = Exclude<CredentialEvent, { type: 'CredentialRegistered' | 'SecretReencrypted' } | HealthEvent>;

function evolveExisting(state: Credential, event: UserChange): Credential {
  if (event.type === 'CredentialGranted' || event.type === 'CredentialGrantRevoked') return evolveGrants(state, event);
  const touched: Credential = { ...state, updatedAt: event.data.at, updatedBy: event.data.actor };
  switch (event.type) {
    case 'CredentialMetadataChanged':
      return rearmOnNewExpiry({ ...touched, metadata: applyChanges(state.metadata, event.data.changes) }, event.data.changes);
    case 'SecretRotated':
      return { ...touched, secretVersion: event.data.secretVersion, secret: event.data.secret, rotatedAt: event.data.at };
    case 'CredentialDeactivated':
      return { ...touched, status: 'inactive' };
    case 'CredentialRestored':
      return { ...touched, status: 'active' };
    case 'CredentialDestroyed':
      return { ...touched, status: 'destroyed', secret: null };
    case 'CredentialExpiryReminded':
    case 'CredentialExpired':
      return evolveExpiry(state, event);
  }
}

export function foldCredential(events: CredentialEvent[]): CredentialState {
  return events.reduce(evolve, initialState());
}
