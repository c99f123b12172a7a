import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { WebhookResponse } from '../../webhook.response.js';

/** The settings a change names, as validated by ChangeWebhookDto; absent ones stay. */
export type WebhookSettingsChange = {
  url?: string;
  events?: string[];
  active?: boolean;
  description?: string | null;
};

export class ChangeWebhookCommand extends Command<WebhookResponse> {
  constructor(
    readonly principal: Principal,
    readonly webhookId: string,
    readonly changes: WebhookSettingsChange,
    readonly ifMatch: number | undefined,
  ) {
    super();
  }
}
