import type { EntityManager } from '@mikro-orm/postgresql';
import {
  changedFields,
  KeyledgerError,
  normalizeCredentialInput,
  validateMetadataChanges,
  ValidationError,
  type Credential,
  type CommandMetadata,
  type CredentialCommand,
  type CredentialState,
  type FieldIssue,
} from '#domain';
import type { Vault } from '#secrets';
import type { CredentialFields } from '../../credential-fields.js';
import { buildRotation } from '../rotate-secret/rotation.js';
import type { UpdateMode } from './update-credential.command.js';

/**
 * The commands of a PATCH or PUT: the metadata change, validated against the
 * credential's template, and for a PUT with a `secret` the rotation too.
 */
export async function buildUpdate(
  tx: EntityManager,
  vault: Vault,
  state: CredentialState,
  metadata: CommandMetadata,
  { credentialId, fields, mode }: { credentialId: string; fields: CredentialFields; mode: UpdateMode },
): Promise<CredentialCommand[]> {
  if (state.status === 'absent') throw new KeyledgerError('NOT_FOUND', `credential ${credentialId} not found`);
  const { secret, type, ...changes } = fields;
  const input = mode === 'put' ? changes : fields;
  const issues: FieldIssue[] = [...typeIssues(state, mode, type), ...validateMetadataChanges(state.credentialType, state.metadata, input)];
  if (issues.length > 0) throw new ValidationError('the change is not valid for this credential', issues);
  const merged = normalizeCredentialInput({ ...state.metadata, ...changes, type: state.credentialType });
  const commands: CredentialCommand[] = [
    { type: 'ChangeCredentialMetadata', data: { credentialId, changes: changedFields(state.metadata, merged.metadata) }, metadata },
  ];
  if (mode === 'put' && secret !== undefined) {
    const updated: Credential = { ...state, metadata: merged.metadata };
    commands.push(await buildRotation(tx, vault, updated, secret, metadata));
  }
  return commands;
}

function typeIssues(state: Credential, mode: UpdateMode, type: unknown): FieldIssue[] {
  if (type === undefined || (mode === 'put' && type === state.credentialType)) return [];
  return [
    { field: 'type', message: `the type of a credential cannot change (it is ${state.credentialType}); create a new credential instead` },
  ];
}
