import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookCommandRunner } from '../../webhook-command.runner.js';
import { DeleteWebhookCommand } from './delete-webhook.command.js';

/** Deleting shreds the signing secret; the registration's events stay in the log. */
@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand> {
  constructor(private readonly runner: WebhookCommandRunner) {}

  async execute({ principal, webhookId }: DeleteWebhookCommand): Promise<void> {
    await this.runner.run({ principal, webhookId, build: (_, { metadata }) => [{ type: 'DeleteWebhook', data: { webhookId }, metadata }] });
  }
}
