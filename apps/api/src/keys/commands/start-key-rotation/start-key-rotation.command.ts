import { Command } from '@nestjs/cqrs';
import type { KeyRotationMode } from '#domain';
import type { CommandContext } from '../../../http/command-context.js';
import type { StoredResponse } from '../../../http/idempotency.js';
import type { KeyRotationStartedResponse } from './start-key-rotation.dto.js';

export class StartKeyRotationCommand extends Command<StoredResponse<KeyRotationStartedResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly mode: KeyRotationMode,
  ) {
    super();
  }
}
