import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StoredResponse } from '../../../http/idempotency.js';
import type { WebhookResponse } from '../../webhook.response.js';
import { WebhookCommandRunner } from '../../webhook-command.runner.js';
import { ChangeWebhookCommand } from './change-webhook.command.js';

@CommandHandler(ChangeWebhookCommand)
export class ChangeWebhookHandler implements ICommandHandler<ChangeWebhookCommand> {
  constructor(private readonly runner: WebhookCommandRunner) {}

  execute({ context, webhookId, changes }: ChangeWebhookCommand): Promise<StoredResponse<WebhookResponse>> {
    return this.runner.run({
      ...context,
      webhookId,
      successStatus: 200,
      build: (_, { metadata }) => [{ type: 'ChangeWebhook', data: { webhookId, changes }, metadata }],
      respond: (webhook) => webhook!,
    });
  }
}
