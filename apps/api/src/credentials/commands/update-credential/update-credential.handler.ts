import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Vault } from '#secrets';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { buildUpdate } from './credential-update.js';
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
      build: (state, { tx, metadata }) => buildUpdate(tx, this.vault, state, metadata, command),
    });
  }
}
