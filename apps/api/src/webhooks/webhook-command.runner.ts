import { Injectable } from '@nestjs/common';
import { KeyledgerError, type WebhookCommand, type WebhookState } from '#domain';
import { Clock, IdSource, type BuildCommands, type LoadedStream } from '#event-store';
import { Vault } from '#secrets';
import { findWebhook, handleWebhookCommand } from '#webhooks';
import type { CommandContext } from '../http/command-context.js';
import { IdempotentCommands, type StoredResponse } from '../http/idempotency.js';
import { toWebhookResponse, type WebhookResponse } from './webhook.response.js';

export interface WebhookCommandRequest<T> extends CommandContext {
  webhookId: string;
  /** Status code of a successful first execution. */
  successStatus: number;
  build: BuildCommands<WebhookCommand, WebhookState>;
  /** The signing secret of a registration. */
  secret?: string;
  /** The response body, from the webhook as it is after the command (null once deleted). */
  respond(webhook: WebhookResponse | null): T;
}

/**
 * The webhooks' adapter to the one command handler: Idempotency-Key, the
 * tenant and If-Match checks before deciding (#webhooks seals or shreds the
 * secret and projects), and the response read in the same transaction.
 */
@Injectable()
export class WebhookCommandRunner {
  constructor(
    private readonly idempotent: IdempotentCommands,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  run<T>(request: WebhookCommandRequest<T>): Promise<StoredResponse<T>> {
    const { principal, webhookId, build, secret } = request;
    return this.idempotent.run(request, async (em) => {
      await handleWebhookCommand(em, this.vault, {
        webhookId,
        actor: principal.id,
        env: { clock: this.clock, ids: this.ids },
        tenant: principal.tenant,
        authorize: (_tx, loaded) => authorize(loaded, request),
        build,
        secret,
      });
      const row = await findWebhook(em, webhookId);
      return { statusCode: request.successStatus, body: request.respond(row ? toWebhookResponse(row) : null) };
    });
  }
}

function authorize(
  { state, version }: LoadedStream<WebhookState>,
  { principal, webhookId, ifMatch }: WebhookCommandRequest<unknown>,
): void {
  // Another tenant's webhook is indistinguishable from a missing one.
  if (state.status !== 'absent' && state.tenant !== principal.tenant) {
    throw new KeyledgerError('NOT_FOUND', `webhook ${webhookId} not found`);
  }
  if (ifMatch !== undefined && ifMatch !== version) {
    throw new KeyledgerError('PRECONDITION_FAILED', `If-Match "${ifMatch}" does not match the current version "${version}"`);
  }
}
