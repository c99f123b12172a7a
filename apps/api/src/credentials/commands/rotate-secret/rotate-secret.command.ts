import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';

export class RotateSecretCommand extends Command<CredentialCommandResult> {
  constructor(
    readonly context: CommandContext,
    readonly credentialId: string,
    readonly secret: string | undefined,
  ) {
    super();
  }
}
