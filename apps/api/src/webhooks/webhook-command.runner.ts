import { Inject, Injectable } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { KeyledgerError, type WebhookCommand, type WebhookState } from '#domain';
import { Clock, IdSource, type BuildCommands, type LoadedStream } from '#event-store';
import { Vault } from '#secrets';
import { findWebhook, handleWebhookCommand } from '#webhooks';
import type { Principal } from '../auth/principal.js';
import { ORM } from '#runtime';
import { toWebhookResponse, type WebhookResponse } from './webhook.response.js';

export interface WebhookCommandRequest {
  principal: Principal;
  webhookId: string;
  ifMatch?: number;
  build: BuildCommands<WebhookCommand, WebhookState>;
  /** The signing secret of a registration. */
  secret?: string;
}

/**
 * The webhooks' adapter to the one command handler: the tenant and If-Match
 * checks before deciding (#webhooks seals or shreds the secret and projects).
 * Returns the webhook as it is now, or null once deleted.
 */
@Injectable()
export class WebhookCommandRunner {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async run(request: WebhookCommandRequest): Promise<WebhookResponse | null> {
    const { principal, webhookId, build, secret } = request;
    await handleWebhookCommand(this.orm.em.fork(), this.vault, {
      webhookId,
      actor: principal.id,
      env: { clock: this.clock, ids: this.ids },
      tenant: principal.tenant,
      authorize: (_tx, loaded) => authorize(loaded, request),
      build,
      secret,
    });
    const row = await findWebhook(this.orm.em.fork(), webhookId);
    return row ? toWebhookResponse(row) : null;
  }
}

function authorize({ state, version }: LoadedStream<WebhookState>, { principal, webhookId, ifMatch }: WebhookCommandRequest): void {
  // Another tenant's webhook is indistinguishable from a missing one.
  if (state.status !== 'absent' && state.tenant !== principal.tenant) {
    throw new KeyledgerError('NOT_FOUND', `webhook ${webhookId} not found`);
  }
  if (ifMatch !== undefined && ifMatch !== version) {
    throw new KeyledgerError('PRECONDITION_FAILED', `If-Match "${ifMatch}" does not match the current version "${version}"`);
  }
}
