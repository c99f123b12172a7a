import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandContextFactory } from '../http/command-context.js';
import { IdempotentCommands } from '../http/idempotency.js';
import { ChangeWebhookController } from './commands/change-webhook/change-webhook.controller.js';
import { ChangeWebhookHandler } from './commands/change-webhook/change-webhook.handler.js';
import { DeleteWebhookController } from './commands/delete-webhook/delete-webhook.controller.js';
import { DeleteWebhookHandler } from './commands/delete-webhook/delete-webhook.handler.js';
import { RegisterWebhookController } from './commands/register-webhook/register-webhook.controller.js';
import { RegisterWebhookHandler } from './commands/register-webhook/register-webhook.handler.js';
import { ReplayDeliveryController } from './commands/replay-delivery/replay-delivery.controller.js';
import { ReplayDeliveryHandler } from './commands/replay-delivery/replay-delivery.handler.js';
import { ListDeliveriesController } from './queries/list-deliveries/list-deliveries.controller.js';
import { ListDeliveriesHandler } from './queries/list-deliveries/list-deliveries.handler.js';
import { ListWebhooksController } from './queries/list-webhooks/list-webhooks.controller.js';
import { GetWebhookHandler, ListWebhooksHandler } from './queries/list-webhooks/list-webhooks.handler.js';
import { WebhookCommandRunner } from './webhook-command.runner.js';

/** Webhooks of a tenant (admin only) and their deliveries; the worker sends them. */
@Module({
  imports: [CqrsModule],
  controllers: [
    RegisterWebhookController,
    ListWebhooksController,
    ChangeWebhookController,
    DeleteWebhookController,
    ListDeliveriesController,
    ReplayDeliveryController,
  ],
  providers: [
    CommandContextFactory,
    IdempotentCommands,
    WebhookCommandRunner,
    RegisterWebhookHandler,
    ChangeWebhookHandler,
    DeleteWebhookHandler,
    ReplayDeliveryHandler,
    ListWebhooksHandler,
    GetWebhookHandler,
    ListDeliveriesHandler,
  ],
})
export class WebhooksModule {}
