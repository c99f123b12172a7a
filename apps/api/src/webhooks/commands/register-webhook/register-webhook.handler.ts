import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IdSource } from '#event-store';
import type { CreatedWebhookResponse } from '../../webhook.response.js';
import { WebhookCommandRunner } from '../../webhook-command.runner.js';
import { RegisterWebhookCommand } from './register-webhook.command.js';

/** `whsec_` and 256 random bits: what a generated signing secret looks like. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhookCommand> {
  constructor(
    private readonly runner: WebhookCommandRunner,
    private readonly ids: IdSource,
  ) {}

  async execute({ principal, webhook }: RegisterWebhookCommand): Promise<CreatedWebhookResponse> {
    const webhookId = this.ids.uuid();
    const secret = webhook.secret ?? generateWebhookSecret();
    const { url, events, description } = webhook;
    // No Idempotency-Key (the controller refuses one): a stored response could not hold a generated secret.
    const { body: registered } = await this.runner.run({
      principal,
      webhookId,
      successStatus: 201,
      secret,
      build: (_, { metadata }) => [
        { type: 'RegisterWebhook', data: { webhookId, tenant: principal.tenant, url, events, description }, metadata },
      ],
      respond: (created) => created!,
    });
    // A secret the caller chose is never echoed; a generated one is shown this once.
    return webhook.secret === undefined ? { ...registered, secret } : registered;
  }
}
