import { isHealthEvent, type CredentialEvent, type HealthEvent } from '#domain';
import type { CredentialView } from './credential-view.js';
import { evolveExpiryView, rearmExpiryView } from './credential-view.expiry.js';

/**
 * The read model as a pure fold over a credential's events. `version` is the
 * event's stream version, so applying an event the row already reflects is
 * detectable (and skipped by the writer): replays are idempotent.
 */
export function evolveCredentialView(doc: CredentialView | null, event: CredentialEvent, version: number): CredentialView | null {
  if (event.type === 'CredentialRegistered') {
    const { data } = event;
    return {
      id: data.credentialId,
      tenant: data.tenant,
      type: data.credentialType,
      ...data.metadata,
      status: 'active',
      version,
      secretVersion: data.secretVersion,
      secretPreview: data.secret.preview,
      secretCiphertext: data.secret.ciphertext,
      dekId: data.secret.dekId,
      createdAt: data.at,
      updatedAt: data.at,
      rotatedAt: null,
      lastUsedAt: null,
      lastTestedAt: null,
      lastTestStatus: null,
      lastTestError: null,
      createdBy: data.actor,
      updatedBy: data.actor,
      expired: false,
      expiryRemindedSeconds: null,
    };
  }
  if (!doc) return null;
  if (event.type === 'SecretReencrypted') {
    // A system re-encryption: the secret and its preview are unchanged, so are updatedAt/updatedBy.
    if (doc.status === 'destroyed') return { ...doc, version };
    return { ...doc, version, secretCiphertext: event.data.secret.ciphertext, dekId: event.data.secret.dekId };
  }
  // Grants are projected into kl_credential_grants; the row only follows the stream version (the ETag).
  if (event.type === 'CredentialGranted' || event.type === 'CredentialGrantRevoked') return { ...doc, version };
  if (isHealthEvent(event)) return evolveTestColumns(doc, event, version);
  const touched = { ...doc, version, updatedAt: event.data.at, updatedBy: event.data.actor };
  switch (event.type) {
    case 'CredentialMetadataChanged':
      return rearmExpiryView({ ...touched, ...event.data.changes }, event.data.changes);
    case 'SecretRotated':
      return {
        ...touched,
        secretVersion: event.data.secretVersion,
        secretPreview: event.data.secret.preview,
        secretCiphertext: event.data.secret.ciphertext,
        dekId: event.data.secret.dekId,
        rotatedAt: event.data.at,
      };
    case 'CredentialDeactivated':
      return { ...touched, status: 'inactive' };
    case 'CredentialRestored':
      return { ...touched, status: 'active' };
    case 'CredentialDestroyed':
      return { ...touched, status: 'destroyed', secretPreview: null, secretCiphertext: null, dekId: null };
    case 'CredentialExpiryReminded':
    case 'CredentialExpired':
      return evolveExpiryView(doc, event, version);
  }
}

/** Health check events move the version (the ETag) and the test columns, not updatedAt/updatedBy. */
function evolveTestColumns(doc: CredentialView, event: HealthEvent, version: number): CredentialView {
  switch (event.type) {
    case 'CredentialTestRequested':
    case 'CredentialHealthAlerted':
      return { ...doc, version };
    case 'CredentialTestSucceeded':
      return { ...doc, version, lastTestedAt: event.data.at, lastTestStatus: 'ok', lastTestError: null };
    case 'CredentialTestFailed':
      return { ...doc, version, lastTestedAt: event.data.at, lastTestStatus: 'failed', lastTestError: event.data.error };
  }
}
