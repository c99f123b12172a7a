import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Vault } from '#secrets';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { RotateSecretCommand } from './rotate-secret.command.js';
import { buildRotation } from './rotation.js';

@CommandHandler(RotateSecretCommand)
export class RotateSecretHandler implements ICommandHandler<RotateSecretCommand> {
  constructor(
    private readonly runner: CredentialCommandRunner,
    private readonly vault: Vault,
  ) {}

  execute({ context, credentialId, secret }: RotateSecretCommand): Promise<CredentialCommandResult> {
    return this.runner.run({
      ...context,
      credentialId,
      action: 'rotate',
      successStatus: 200,
      build: async (state, { tx, metadata }) => [await buildRotation(tx, this.vault, state, secret, metadata)],
    });
  }
}
