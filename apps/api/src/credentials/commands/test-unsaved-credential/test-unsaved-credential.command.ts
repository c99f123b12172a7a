import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CredentialFields } from '../../credential-fields.js';
import type { ClientInfo } from '../reveal-secret/reveal-secret.command.js';
import type { UnsavedTestResponse } from './test-unsaved-credential.dto.js';

export class TestUnsavedCredentialCommand extends Command<UnsavedTestResponse> {
  constructor(
    readonly principal: Principal,
    readonly fields: CredentialFields,
    readonly client: ClientInfo,
  ) {
    super();
  }
}
