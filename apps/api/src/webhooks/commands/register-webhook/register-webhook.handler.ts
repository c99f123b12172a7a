import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CreatedWebhookResponse } from '../../webhook.response.js';
import { WebhookCommandRunner } from '../../webhook-command.runner.js';
import { RegisterWebhookCommand } from './register-webhook.command.js';

/** `whsec_` and 256 random bits: what a generated signing secret looks like. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhookCommand> {
  constructor(private readonly runner: WebhookCommandRunner) {}

  async execute({ principal, request }: RegisterWebhookCommand): Promise<CreatedWebhookResponse> {
    const webhookId = randomUUID();
    const secret = request.secret ?? generateWebhookSecret();
    const { url, events, description } = request;
    const webhook = await this.runner.run({
      principal,
      webhookId,
      secret,
      build: (_, metadata) => [{ type: 'RegisterWebhook', data: { webhookId, tenant: principal.tenant, url, events, description }, metadata }],
    });
    // A secret the caller chose is never echoed; a generated one is shown this once.
    return request.secret === undefined ? { ...webhook!, secret } : webhook!;
  }
}
