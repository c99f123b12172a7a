import { KeyledgerError } from '../errors.js';
import type {
  Credential,
  CredentialEvent,
  CredentialGrant,
  CredentialGranted,
  CredentialGrantRevoked,
  GrantAccess,
  GrantPermission,
  Grantee,
  RevokeGrant,
} from './types.js';

// Grants: who besides the tenant's admins and operators may see and use a
// credential. Decide rules only; whether the grantee principal exists (and
// lives in the credential's tenant) is checked by the caller, which can read it.

/** The grants in force, oldest first. */
export function activeGrants(credential: Credential): CredentialGrant[] {
  return Object.values(credential.grants)
    .filter((grant) => grant.revokedAt === null)
    .sort((a, b) => a.grantedAt.localeCompare(b.grantedAt) || a.grantId.localeCompare(b.grantId));
}

/** The grant in force that gives `grantee` exactly `permission`, if any. */
export function findActiveGrant(credential: Credential, grantee: Grantee, permission: GrantPermission): CredentialGrant | undefined {
  return activeGrants(credential).find(
    (g) => g.grantee.kind === grantee.kind && g.grantee.id === grantee.id && g.permission === permission,
  );
}

/** A grant that already exists (same grantee, same permission, still active) records nothing. */
export function grantAccess(command: GrantAccess, credential: Credential): CredentialEvent[] {
  const { data, metadata } = command;
  if (findActiveGrant(credential, data.grantee, data.permission)) return [];
  if (credential.grants[data.grantId]) throw new KeyledgerError('INVALID_STATE', `grant ${data.grantId} already exists`);
  const granted: CredentialGranted = {
    type: 'CredentialGranted',
    data: {
      credentialId: data.credentialId,
      actor: metadata.actor,
      at: metadata.now,
      grantId: data.grantId,
      grantee: { kind: data.grantee.kind, id: data.grantee.id },
      permission: data.permission,
    },
  };
  return [granted];
}

/** Revoking an unknown grant is NOT_FOUND; revoking a revoked one records nothing. */
export function revokeGrant(command: RevokeGrant, credential: Credential): CredentialEvent[] {
  const { data, metadata } = command;
  const grant = credential.grants[data.grantId];
  if (!grant) throw new KeyledgerError('NOT_FOUND', `grant ${data.grantId} not found on credential ${data.credentialId}`);
  if (grant.revokedAt !== null) return [];
  const revoked: CredentialGrantRevoked = {
    type: 'CredentialGrantRevoked',
    data: { credentialId: data.credentialId, actor: metadata.actor, at: metadata.now, grantId: data.grantId },
  };
  return [revoked];
}

/** Grant events change who may act, not the credential: its updatedAt/updatedBy stay. */
export function evolveGrants(state: Credential, event: CredentialGranted | CredentialGrantRevoked): Credential {
  const { data } = event;
  if (event.type === 'CredentialGranted') {
    if (state.grants[data.grantId]) return state;
    const grant: CredentialGrant = {
      grantId: data.grantId,
      grantee: event.data.grantee,
      permission: event.data.permission,
      grantedAt: data.at,
      grantedBy: data.actor,
      revokedAt: null,
      revokedBy: null,
    };
    return { ...state, grants: { ...state.grants, [data.grantId]: grant } };
  }
  const grant = state.grants[data.grantId];
  if (!grant || grant.revokedAt !== null) return state;
  return { ...state, grants: { ...state.grants, [data.grantId]: { ...grant, revokedAt: data.at, revokedBy: data.actor } } };
}
