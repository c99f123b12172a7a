import { pick } from './details.js';
import type { AuditOutcome } from './types.js';

export type EventData = Record<string, unknown>;

export interface Description {
  action: string;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

export type Describe = (data: EventData) => Description;

const failedIfAny = (data: EventData): AuditOutcome => (typeof data.failed === 'number' && data.failed > 0 ? 'failed' : 'success');

function metadataName(data: EventData): Record<string, unknown> {
  const metadata = data.metadata as { name?: unknown } | undefined;
  return metadata?.name === undefined ? {} : { name: metadata.name };
}

function changedFields(data: EventData): Record<string, unknown> {
  const changes = (data.changes ?? {}) as EventData;
  return { fields: Object.keys(changes).sort(), ...pick(changes, 'name') };
}

/** Credential life cycle, reads, grants and health checks (events-contract names). */
export const CREDENTIAL_EVENTS: Record<string, Describe> = {
  CredentialRegistered: (d) => ({ action: 'created', details: { ...metadataName(d), ...pick(d, 'credentialType', 'secretVersion') } }),
  CredentialMetadataChanged: (d) => ({ action: 'changed', details: changedFields(d) }),
  SecretRotated: (d) => ({ action: 'rotated', details: pick(d, 'secretVersion') }),
  SecretReencrypted: (d) => ({ action: 'reencrypted', details: pick(d, 'secretVersion') }),
  CredentialDeactivated: () => ({ action: 'deactivated' }),
  CredentialRestored: () => ({ action: 'restored' }),
  CredentialDestroyed: () => ({ action: 'destroyed' }),
  SecretRevealed: (d) => ({
    action: d.via === 'lookup' ? 'looked_up' : 'revealed',
    details: pick(d, 'secretVersion', 'clientIp', 'userAgent'),
  }),
  AccessDenied: (d) => ({
    action: 'denied',
    outcome: 'denied',
    details: { ...(d.action === undefined ? {} : { attempted: d.action }), ...pick(d, 'reason', 'clientIp', 'userAgent') },
  }),
  CredentialGranted: (d) => ({ action: 'granted', details: pick(d, 'grantId', 'grantee', 'permission') }),
  CredentialGrantRevoked: (d) => ({ action: 'grant_revoked', details: pick(d, 'grantId') }),
  CredentialTestRequested: (d) => ({ action: 'test_requested', details: pick(d, 'requestId') }),
  CredentialTestSucceeded: (d) => ({ action: 'tested', details: pick(d, 'requestId', 'durationMs') }),
  CredentialTestFailed: (d) => ({ action: 'tested', outcome: 'failed', details: pick(d, 'requestId', 'error') }),
  UnsavedCredentialTested: (d) => ({
    action: 'tested_unsaved',
    outcome: d.ok === true ? 'success' : 'failed',
    details: pick(d, 'credentialType', 'name', 'target', 'checked', 'durationMs', 'error', 'clientIp', 'userAgent'),
  }),
};

/** Principals, tokens and master-key rotations. */
export const SYSTEM_EVENTS: Record<string, Describe> = {
  PrincipalCreated: (d) => ({ action: 'principal_created', details: pick(d, 'principalId', 'name', 'role', 'teams') }),
  TokenIssued: (d) => ({ action: 'token_issued', details: pick(d, 'principalId', 'tokenId', 'expiresAt') }),
  TokenRevoked: (d) => ({ action: 'token_revoked', details: pick(d, 'principalId', 'tokenId') }),
  KeyRotationRequested: (d) => ({ action: 'key_rotation_requested', details: pick(d, 'rotationId', 'mode', 'targetKekId') }),
  KeyRotationBatchCompleted: (d) => ({
    action: 'key_rotation_batch_completed',
    outcome: failedIfAny(d),
    details: pick(d, 'rotationId', 'batch', 'done', 'failed'),
  }),
  KeyRotationCompleted: (d) => ({
    action: 'key_rotation_completed',
    outcome: failedIfAny(d),
    details: pick(d, 'rotationId', 'total', 'done', 'failed', 'durationMs'),
  }),
  KeyRotationFailed: (d) => ({ action: 'key_rotation_failed', outcome: 'failed', details: pick(d, 'rotationId', 'reason') }),
};
