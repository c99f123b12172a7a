import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';

export class RegisterCredentialCommand extends Command<CredentialCommandResult> {
  constructor(
    readonly context: CommandContext,
    /** The request body as sent (shape-checked by RegisterCredentialDto). */
    readonly body: Record<string, unknown>,
  ) {
    super();
  }
}
