import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';

export class DeleteWebhookCommand extends Command<void> {
  constructor(
    readonly principal: Principal,
    readonly webhookId: string,
  ) {
    super();
  }
}
