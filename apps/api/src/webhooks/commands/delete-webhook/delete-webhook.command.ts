import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { StoredResponse } from '../../../http/idempotency.js';

/** Answers 204: its response has no body (null, also when replayed). */
export class DeleteWebhookCommand extends Command<StoredResponse<null>> {
  constructor(
    readonly context: CommandContext,
    readonly webhookId: string,
  ) {
    super();
  }
}
