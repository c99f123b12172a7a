import type { EntityManager } from '@mikro-orm/postgresql';
import {
  decideWebhook,
  evolveWebhook,
  KeyledgerError,
  WEBHOOK_STREAM_TYPE,
  webhookStreamId,
  type WebhookCommand,
  type WebhookEvent,
  type WebhookState,
} from '#domain';
import { commandHandler, type BuildCommands, type CommandEnvironment, type Decider, type HandleOptions } from '#event-store';
import type { Vault } from '#secrets';
import { writeWebhookRow } from './webhook-rows.js';
import { shredWebhookSecret, storeWebhookSecret } from './webhook-secrets.js';

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  streamType: WEBHOOK_STREAM_TYPE,
  decide: decideWebhook,
  evolve: evolveWebhook,
  initialState: () => ({ status: 'absent' }),
};

const handle = commandHandler(webhookDecider);

export interface WebhookCommandRequest extends Pick<HandleOptions<WebhookEvent, WebhookState, void>, 'authorize'> {
  webhookId: string;
  actor: string;
  env: CommandEnvironment;
  /** Tenant of a webhook being registered. */
  tenant?: string;
  build: BuildCommands<WebhookCommand, WebhookState>;
  /** The signing secret of a registration. */
  secret?: string;
}

/**
 * A webhook command through the one command handler, with what must commit
 * with its events: a registration seals its signing secret (`secret`,
 * required then), a deletion shreds it; then the read model row.
 */
export function handleWebhookCommand(em: EntityManager, vault: Vault, request: WebhookCommandRequest): Promise<void> {
  const { webhookId, actor, env, tenant, authorize, build } = request;
  return handle(em, webhookStreamId(webhookId), build, {
    actor,
    env,
    tenant,
    authorize,
    beforeAppend: (tx, _loaded, events) => storeOrShredSecret(tx, vault, webhookId, events, request.secret),
    after: async ({ tx, events, state, appended }) => {
      if (appended === null || state.status === 'absent') return;
      const last = events.at(-1)!.data;
      await writeWebhookRow(tx, state, { version: appended.nextVersion, at: last.at, actor: last.actor });
    },
  });
}

async function storeOrShredSecret(
  tx: EntityManager,
  vault: Vault,
  webhookId: string,
  events: WebhookEvent[],
  secret?: string,
): Promise<void> {
  for (const event of events) {
    if (event.type === 'WebhookRegistered') {
      if (secret === undefined) throw new KeyledgerError('INVALID_STATE', 'a webhook is registered with its signing secret');
      await storeWebhookSecret(tx, vault, webhookId, secret);
    }
    if (event.type === 'WebhookDeleted') await shredWebhookSecret(tx, vault, webhookId);
  }
}
