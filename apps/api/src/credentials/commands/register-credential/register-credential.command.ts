import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';
import type { CredentialFields } from '../../credential-fields.js';

export class RegisterCredentialCommand extends Command<CredentialCommandResult> {
  constructor(
    readonly context: CommandContext,
    readonly fields: CredentialFields,
  ) {
    super();
  }
}
