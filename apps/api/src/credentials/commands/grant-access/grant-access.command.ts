import { Command } from '@nestjs/cqrs';
import type { GrantPermission, Grantee } from '#domain';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';
import type { GrantChangeResponse } from '../../grant.response.js';

export class GrantAccessCommand extends Command<CredentialCommandResult<GrantChangeResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly credentialId: string,
    readonly grantee: Grantee,
    readonly permission: GrantPermission,
  ) {
    super();
  }
}
