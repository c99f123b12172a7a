import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { WebhookResponse } from '../../webhook.response.js';
import { WebhookCommandRunner } from '../../webhook-command.runner.js';
import { ChangeWebhookCommand } from './change-webhook.command.js';

@CommandHandler(ChangeWebhookCommand)
export class ChangeWebhookHandler implements ICommandHandler<ChangeWebhookCommand> {
  constructor(private readonly runner: WebhookCommandRunner) {}

  async execute({ principal, webhookId, changes, ifMatch }: ChangeWebhookCommand): Promise<WebhookResponse> {
    const webhook = await this.runner.run({
      principal,
      webhookId,
      ifMatch,
      build: (_, { metadata }) => [{ type: 'ChangeWebhook', data: { webhookId, changes }, metadata }],
    });
    return webhook!;
  }
}
