import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CreatedWebhookResponse } from '../../webhook.response.js';
import type { RegisterWebhookDto } from './register-webhook.dto.js';

export class RegisterWebhookCommand extends Command<CreatedWebhookResponse> {
  constructor(
    readonly principal: Principal,
    readonly request: RegisterWebhookDto,
  ) {
    super();
  }
}
