import { KeyledgerError } from '../errors.js';
import { changedFields } from './changes.js';
import { grantAccess, revokeGrant } from './grants.js';
import { eventBase as base } from './event-base.js';
import { recordTestResult, requestTest } from './health.js';
import { remindExpiry } from './expiry.js';
import { nextSecretVersion } from './rotation.js';
import type {
  ChangeCredentialMetadata,
  Credential,
  CredentialCommand,
  CredentialEvent,
  CredentialState,
  DeactivateCredential,
  DestroyCredential,
  ReencryptSecret,
  RegisterCredential,
  RestoreCredential,
  RotateSecret,
} from './types.js';

type ExistingCommand = Exclude<CredentialCommand, RegisterCredential>;

/** The one entry point: state rules shared by every command, then the command's own rule. */
export function decide(command: CredentialCommand, state: CredentialState): CredentialEvent[] {
  if (command.type === 'RegisterCredential') return register(command, state);
  const credential = requireLive(command, state);
  switch (command.type) {
    case 'ChangeCredentialMetadata':
      return changeMetadata(command, credential);
    case 'RotateSecret':
      return rotateSecret(command, credential);
    case 'ReencryptSecret':
      return reencryptSecret(command, credential);
    case 'DeactivateCredential':
      return deactivate(command, credential);
    case 'RestoreCredential':
      return restore(command, credential);
    case 'DestroyCredential':
      return destroy(command, credential);
    case 'GrantAccess':
      return grantAccess(command, credential);
    case 'RevokeGrant':
      return revokeGrant(command, credential);
    case 'RequestCredentialTest':
      return requestTest(command, credential);
    case 'RecordCredentialTestResult':
      return recordTestResult(command, credential);
    case 'RemindExpiry':
      return remindExpiry(command, credential);
  }
}

function register(command: RegisterCredential, state: CredentialState): CredentialEvent[] {
  // A stream id is never reused, not even after destroy: its ciphertexts are shredded history.
  if (state.status !== 'absent') {
    throw new KeyledgerError('INVALID_STATE', `credential ${command.data.credentialId} already exists`);
  }
  const { data, metadata } = command;
  return [
    {
      type: 'CredentialRegistered',
      data: {
        credentialId: data.credentialId,
        actor: metadata.actor,
        at: metadata.now,
        tenant: data.tenant,
        credentialType: data.credentialType,
        metadata: data.metadata,
        secretVersion: 1,
        secret: data.secret,
      },
    },
  ];
}

function requireLive(command: ExistingCommand, state: CredentialState): Credential {
  const id = command.data.credentialId;
  if (state.status === 'absent') throw new KeyledgerError('NOT_FOUND', `credential ${id} not found`);
  if (state.status === 'destroyed') {
    throw new KeyledgerError('CREDENTIAL_DESTROYED', `credential ${id} was destroyed; nothing can change it`);
  }
  return state;
}

function changeMetadata(command: ChangeCredentialMetadata, credential: Credential): CredentialEvent[] {
  const changes = changedFields(credential.metadata, command.data.changes);
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'CredentialMetadataChanged', data: { ...base(command), changes } }];
}

function rotateSecret(command: RotateSecret, credential: Credential): CredentialEvent[] {
  const expected = nextSecretVersion(credential);
  if (command.data.secretVersion !== expected) {
    const { credentialId, secretVersion } = credential;
    throw new KeyledgerError(
      'INVALID_STATE',
      `credential ${credentialId}: secret version ${command.data.secretVersion} does not follow ${secretVersion} (expected ${expected})`,
    );
  }
  const { secretVersion, secret } = command.data;
  return [{ type: 'SecretRotated', data: { ...base(command), secretVersion, secret } }];
}

// Inactive credentials are re-encrypted too: a restore must not bring back a retired data key.
function reencryptSecret(command: ReencryptSecret, credential: Credential): CredentialEvent[] {
  const { credentialId, secretVersion, secret } = command.data;
  if (secretVersion !== credential.secretVersion) {
    throw new KeyledgerError(
      'INVALID_STATE',
      `credential ${credentialId}: re-encryption of secret version ${secretVersion}, but the current one is ${credential.secretVersion}`,
    );
  }
  if (secret.dekId === credential.secret?.dekId) {
    throw new KeyledgerError('INVALID_STATE', `credential ${credentialId}: re-encryption needs a fresh data key`);
  }
  return [{ type: 'SecretReencrypted', data: { ...base(command), secretVersion, secret } }];
}

function deactivate(command: DeactivateCredential, credential: Credential): CredentialEvent[] {
  if (credential.status === 'inactive') return [];
  return [{ type: 'CredentialDeactivated', data: base(command) }];
}

function restore(command: RestoreCredential, credential: Credential): CredentialEvent[] {
  if (credential.status === 'active') return [];
  return [{ type: 'CredentialRestored', data: base(command) }];
}

function destroy(command: DestroyCredential, _credential: Credential): CredentialEvent[] {
  return [{ type: 'CredentialDestroyed', data: base(command) }];
}
