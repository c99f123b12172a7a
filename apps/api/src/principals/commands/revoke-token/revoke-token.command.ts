import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { StoredResponse } from '../../../http/idempotency.js';
import type { TokenResponse } from '../../principal.response.js';

export class RevokeTokenCommand extends Command<StoredResponse<TokenResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly tokenId: string,
  ) {
    super();
  }
}
