import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CredentialAction } from '#domain';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { ChangeStatusCommand, type StatusTransition } from './change-status.command.js';

const ACTION: Record<StatusTransition, CredentialAction> = {
  DeactivateCredential: 'deactivate',
  RestoreCredential: 'restore',
  DestroyCredential: 'destroy',
};

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<ChangeStatusCommand> {
  constructor(private readonly runner: CredentialCommandRunner) {}

  execute({ context, credentialId, transition }: ChangeStatusCommand): Promise<CredentialCommandResult> {
    return this.runner.run({
      ...context,
      credentialId,
      action: ACTION[transition],
      successStatus: 200,
      build: (_state, { metadata }) => [{ type: transition, data: { credentialId }, metadata }],
    });
  }
}
