import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';
import type { GrantChangeResponse } from '../../grant.response.js';

export class RevokeGrantCommand extends Command<CredentialCommandResult<GrantChangeResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly credentialId: string,
    readonly grantId: string,
  ) {
    super();
  }
}
