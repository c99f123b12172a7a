import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { decideWebhook, evolveWebhook, KeyledgerError, type CommandMetadata, type WebhookCommand, type WebhookEvent, type WebhookState } from '#domain';
import { Vault } from '#secrets';
import { appendWebhookEvents, findWebhook, loadWebhook } from '#webhooks';
import type { Principal } from '../auth/principal.js';
import { ORM } from '#runtime';
import { toWebhookResponse, type WebhookResponse } from './webhook.response.js';

export interface WebhookCommandRequest {
  principal: Principal;
  webhookId: string;
  ifMatch?: number;
  build(state: WebhookState, metadata: CommandMetadata): WebhookCommand[];
  /** The signing secret of a registration. */
  secret?: string;
}

/**
 * The webhook write path, in one transaction: load, check the tenant and
 * If-Match, decide, append (sealing or shredding the secret), project.
 * Returns the webhook as it is now, or null once deleted.
 */
@Injectable()
export class WebhookCommandRunner {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly vault: Vault,
  ) {}

  async run(request: WebhookCommandRequest): Promise<WebhookResponse | null> {
    await this.orm.em.fork().transactional((tx) => this.runIn(tx, request));
    const row = await findWebhook(this.orm.em.fork(), request.webhookId);
    return row ? toWebhookResponse(row) : null;
  }

  private async runIn(tx: EntityManager, request: WebhookCommandRequest): Promise<void> {
    const { principal, webhookId } = request;
    const loaded = await loadWebhook(tx, webhookId);
    // Another tenant's webhook is indistinguishable from a missing one.
    if (loaded.state.status !== 'absent' && loaded.state.tenant !== principal.tenant) {
      throw new KeyledgerError('NOT_FOUND', `webhook ${webhookId} not found`);
    }
    if (request.ifMatch !== undefined && request.ifMatch !== loaded.version) {
      throw new KeyledgerError('PRECONDITION_FAILED', `If-Match "${request.ifMatch}" does not match the current version "${loaded.version}"`);
    }
    const metadata = { actor: principal.id, now: new Date().toISOString() };
    const events: WebhookEvent[] = [];
    let state = loaded.state;
    for (const command of request.build(loaded.state, metadata)) {
      for (const event of decideWebhook(command, state)) {
        state = evolveWebhook(state, event);
        events.push(event);
      }
    }
    await appendWebhookEvents(tx, this.vault, loaded, events, request.secret);
  }
}
