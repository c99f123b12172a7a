import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';
import type { CredentialFields } from '../../credential-fields.js';

export type UpdateMode = 'patch' | 'put';

export class UpdateCredentialCommand extends Command<CredentialCommandResult> {
  constructor(
    readonly context: CommandContext,
    readonly credentialId: string,
    readonly fields: CredentialFields,
    readonly mode: UpdateMode,
  ) {
    super();
  }
}
