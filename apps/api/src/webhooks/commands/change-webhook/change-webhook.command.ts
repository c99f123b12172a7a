import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { StoredResponse } from '../../../http/idempotency.js';
import type { WebhookResponse } from '../../webhook.response.js';

/** The settings a change names, as validated by ChangeWebhookDto; absent ones stay. */
export type WebhookSettingsChange = {
  url?: string;
  events?: string[];
  active?: boolean;
  description?: string | null;
};

export class ChangeWebhookCommand extends Command<StoredResponse<WebhookResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly webhookId: string,
    readonly changes: WebhookSettingsChange,
  ) {
    super();
  }
}
