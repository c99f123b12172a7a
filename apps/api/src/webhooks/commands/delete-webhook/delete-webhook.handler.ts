import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { StoredResponse } from '../../../http/idempotency.js';
import { WebhookCommandRunner } from '../../webhook-command.runner.js';
import { DeleteWebhookCommand } from './delete-webhook.command.js';

/** Deleting shreds the signing secret; the registration's events stay in the log. */
@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand> {
  constructor(private readonly runner: WebhookCommandRunner) {}

  execute({ context, webhookId }: DeleteWebhookCommand): Promise<StoredResponse<null>> {
    return this.runner.run({
      ...context,
      webhookId,
      successStatus: 204,
      build: (_, { metadata }) => [{ type: 'DeleteWebhook', data: { webhookId }, metadata }],
      respond: () => null,
    });
  }
}
