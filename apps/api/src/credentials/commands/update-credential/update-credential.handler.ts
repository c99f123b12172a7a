import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
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
import { Vault } from '#secrets';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { buildRotation } from '../rotate-secret/rotation.js';
import { UpdateCredentialCommand } from './update-credential.command.js';

@CommandHandler(UpdateCredentialCommand)
export class UpdateCredentialHandler implements ICommandHandler<UpdateCredentialCommand> {
  constructor(
    private readonly runner: CredentialCommandRunner,
    private readonly vault: Vault,
  ) {}

  execute(command: UpdateCredentialCommand): Promise<CredentialCommandResult> {
    return this.runner.run({
      ...command.context,
      credentialId: command.credentialId,
      // PUT with a secret also rotates: every role and grant that may change a credential may rotate it.
      action: 'change',
      successStatus: 200,
      build: (tx, state, metadata) => this.build(tx, state, metadata, command),
    });
  }

  private async build(
    tx: EntityManager,
    state: CredentialState,
    metadata: CommandMetadata,
    { credentialId, body, mode }: UpdateCredentialCommand,
  ): Promise<CredentialCommand[]> {
    if (state.status === 'absent') throw new KeyledgerError('NOT_FOUND', `credential ${credentialId} not found`);
    const { secret, type, ...changes } = body;
    const input = mode === 'put' ? changes : body;
    const issues: FieldIssue[] = [...typeIssues(state, mode, type), ...validateMetadataChanges(state.credentialType, state.metadata, input)];
    if (issues.length > 0) throw new ValidationError('the change is not valid for this credential', issues);
    const merged = normalizeCredentialInput({ ...state.metadata, ...changes, type: state.credentialType });
    const commands: CredentialCommand[] = [
      { type: 'ChangeCredentialMetadata', data: { credentialId, changes: changedFields(state.metadata, merged.metadata) }, metadata },
    ];
    if (mode === 'put' && secret !== undefined) {
      const updated: Credential = { ...state, metadata: merged.metadata };
      commands.push(await buildRotation(tx, this.vault, updated, secret, metadata));
    }
    return commands;
  }
}

function typeIssues(state: Credential, mode: 'patch' | 'put', type: unknown): FieldIssue[] {
  if (type === undefined || (mode === 'put' && type === state.credentialType)) return [];
  return [{ field: 'type', message: `the type of a credential cannot change (it is ${state.credentialType}); create a new credential instead` }];
}
