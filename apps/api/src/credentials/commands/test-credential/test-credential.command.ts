import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { CredentialCommandResult } from '../../credential-command.runner.js';
import type { TestCredentialResponse } from './test-credential.dto.js';

export class TestCredentialCommand extends Command<CredentialCommandResult<TestCredentialResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly credentialId: string,
  ) {
    super();
  }
}
