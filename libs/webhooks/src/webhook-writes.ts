import type { EntityManager } from '@mikro-orm/postgresql';
import {
  evolveWebhook,
  foldWebhook,
  KeyledgerError,
  WEBHOOK_STREAM_TYPE,
  webhookStreamId,
  type WebhookEvent,
  type WebhookState,
} from '#domain';
import { appendToStream, readStream } from '#event-store';
import type { Vault } from '#secrets';
import { writeWebhookRow } from './webhook-rows.js';
import { shredWebhookSecret, storeWebhookSecret } from './webhook-secrets.js';

export interface LoadedWebhook {
  webhookId: string;
  /** The stream version the state was folded from: the version the next append expects. */
  version: number;
  state: WebhookState;
}

export async function loadWebhook(em: EntityManager, webhookId: string): Promise<LoadedWebhook> {
  const stream = await readStream(em, webhookStreamId(webhookId));
  return { webhookId, version: stream.version, state: foldWebhook(stream.events.map((e) => ({ type: e.type, data: e.data }) as WebhookEvent)) };
}

/**
 * Appends decided events in the caller's transaction, with what must commit
 * with them: a registration seals its signing secret (`secret`, required
 * then), a deletion shreds it; then the read model row. Returns the new state.
 */
export async function appendWebhookEvents(
  tx: EntityManager,
  vault: Vault,
  loaded: LoadedWebhook,
  events: WebhookEvent[],
  secret?: string,
): Promise<WebhookState> {
  const state = events.reduce(evolveWebhook, loaded.state);
  if (events.length === 0 || state.status === 'absent') return state;
  for (const event of events) {
    if (event.type === 'WebhookRegistered') {
      if (secret === undefined) throw new KeyledgerError('INVALID_STATE', 'a webhook is registered with its signing secret');
      await storeWebhookSecret(tx, vault, loaded.webhookId, secret);
    }
    if (event.type === 'WebhookDeleted') await shredWebhookSecret(tx, vault, loaded.webhookId);
  }
  const appended = await appendToStream(tx, webhookStreamId(loaded.webhookId), events, {
    streamType: WEBHOOK_STREAM_TYPE,
    tenant: state.tenant,
    expectedVersion: loaded.version,
  });
  const last = events.at(-1)!.data;
  await writeWebhookRow(tx, state, { version: appended.nextVersion, at: last.at, actor: last.actor });
  return state;
}
