import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { WebhookResponse } from '../../webhook.response.js';

export class ChangeWebhookCommand extends Command<WebhookResponse> {
  constructor(
    readonly principal: Principal,
    readonly webhookId: string,
    readonly changes: Record<string, unknown>,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
