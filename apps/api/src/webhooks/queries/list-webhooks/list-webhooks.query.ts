import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { WebhookResponse } from '../../webhook.response.js';
import type { WebhookPageQueryDto, WebhookPageResponse } from './list-webhooks.dto.js';

export class ListWebhooksQuery extends Query<WebhookPageResponse> {
  constructor(
    readonly principal: Principal,
    readonly page: WebhookPageQueryDto,
  ) {
    super();
  }
}

export class GetWebhookQuery extends Query<WebhookResponse> {
  constructor(
    readonly principal: Principal,
    readonly webhookId: string,
  ) {
    super();
  }
}
