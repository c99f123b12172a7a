import type { EntityManager } from '@mikro-orm/postgresql';
import type { Webhook } from '#domain';

export interface WebhookRow {
  id: string;
  tenant: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  version: string | number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface RowStamp {
  version: number;
  /** Instant and actor of the latest event. */
  at: string;
  actor: string;
}

const COLUMNS = 'id, tenant, url, events, description, active, version, created_at, updated_at, created_by, updated_by';
// created_at/created_by are written once: an update keeps them.
const UPSERT_WEBHOOK = `insert into kl_webhooks (${COLUMNS})
  values (?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?, ?, ?, ?, ?, ?, ?)
  on conflict (id) do update set url = excluded.url, events = excluded.events, description = excluded.description,
    active = excluded.active, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`;
const DELETE_WEBHOOK = 'delete from kl_webhooks where id = ?';
const FIND_WEBHOOK = `select ${COLUMNS} from kl_webhooks where id = ?`;
// Keyset paging on (created_at, id); one row more than asked tells whether a next page exists.
const LIST_WEBHOOKS = `select ${COLUMNS} from kl_webhooks
  where tenant = ? and (created_at, id) > (?::timestamptz, ?::uuid) order by created_at, id limit ?`;

/** Writes the read model row of a webhook after an append; a deleted webhook leaves it. */
export async function writeWebhookRow(tx: EntityManager, state: Webhook, stamp: RowStamp): Promise<void> {
  if (state.status === 'deleted') {
    await tx.execute(DELETE_WEBHOOK, [state.webhookId], 'run');
    return;
  }
  const { webhookId, tenant, url, events, description, active } = state;
  const { version, at, actor } = stamp;
  await tx.execute(
    UPSERT_WEBHOOK,
    [webhookId, tenant, url, JSON.stringify(events), description, active, version, at, at, actor, actor],
    'run',
  );
}

export async function findWebhook(em: EntityManager, id: string): Promise<WebhookRow | null> {
  return (await em.execute<WebhookRow[]>(FIND_WEBHOOK, [id]))[0] ?? null;
}

export function listWebhooks(
  em: EntityManager,
  tenant: string,
  after: { createdAt: string; id: string },
  limit: number,
): Promise<WebhookRow[]> {
  return em.execute<WebhookRow[]>(LIST_WEBHOOKS, [tenant, after.createdAt, after.id, limit]);
}
