import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';

export type UpdateMode = 'patch' | 'put';

export class UpdateCredentialCommand extends Command<CredentialCommandResult> {
  constructor(
    readonly context: CommandContext,
    readonly credentialId: string,
    readonly body: Record<string, unknown>,
    readonly mode: UpdateMode,
  ) {
    super();
  }
}
