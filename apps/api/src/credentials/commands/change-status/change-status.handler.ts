import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { ChangeStatusCommand } from './change-status.command.js';

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<ChangeStatusCommand> {
  constructor(private readonly runner: CredentialCommandRunner) {}

  execute({ context, credentialId, transition }: ChangeStatusCommand): Promise<CredentialCommandResult> {
    return this.runner.run({
      ...context,
      credentialId,
      successStatus: 200,
      build: async (_tx, _state, metadata) => [{ type: transition, data: { credentialId }, metadata }],
    });
  }
}
