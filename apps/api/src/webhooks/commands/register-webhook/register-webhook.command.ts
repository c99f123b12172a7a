import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CreatedWebhookResponse } from '../../webhook.response.js';

/** A webhook to register, as validated by RegisterWebhookDto. */
export interface NewWebhook {
  url: string;
  events: string[];
  /** The signing secret the caller chose; generated (and shown once) when absent. */
  secret?: string;
  description?: string | null;
}

export class RegisterWebhookCommand extends Command<CreatedWebhookResponse> {
  constructor(
    readonly principal: Principal,
    readonly webhook: NewWebhook,
  ) {
    super();
  }
}
