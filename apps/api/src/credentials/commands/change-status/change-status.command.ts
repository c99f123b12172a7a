import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';

/** The lifecycle commands that carry nothing but the credential id. */
export type StatusTransition = 'DeactivateCredential' | 'RestoreCredential' | 'DestroyCredential';

export class ChangeStatusCommand extends Command<CredentialCommandResult> {
  constructor(
    readonly context: CommandContext,
    readonly credentialId: string,
    readonly transition: StatusTransition,
  ) {
    super();
  }
}
