import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { ORM } from '#runtime';
import { findWebhook, listWebhooks, type WebhookRow } from '#webhooks';
import type { Principal } from '../../../auth/principal.js';
import { decodeCursor, FIRST_PAGE, pageOf } from '../../../http/page-cursor.js';
import { toWebhookResponse, type WebhookResponse } from '../../webhook.response.js';
import { DEFAULT_PAGE_SIZE, type WebhookPageResponse } from './list-webhooks.dto.js';
import { GetWebhookQuery, ListWebhooksQuery } from './list-webhooks.query.js';

/** A webhook of the principal's tenant; anything else is not found (no existence oracle). */
export async function findVisibleWebhook(em: EntityManager, principal: Principal, webhookId: string): Promise<WebhookRow> {
  const row = await findWebhook(em, webhookId);
  if (!row || row.tenant !== principal.tenant) throw new KeyledgerError('NOT_FOUND', `webhook ${webhookId} not found`);
  return row;
}

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooksQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, page }: ListWebhooksQuery): Promise<WebhookPageResponse> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = page.cursor ? decodeCursor(page.cursor) : FIRST_PAGE;
    const rows = await listWebhooks(this.orm.em.fork(), principal.tenant, after, limit + 1);
    const { items, nextCursor } = pageOf(rows.map(toWebhookResponse), limit, (w) => w);
    return { webhooks: items, nextCursor };
  }
}

@QueryHandler(GetWebhookQuery)
export class GetWebhookHandler implements IQueryHandler<GetWebhookQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, webhookId }: GetWebhookQuery): Promise<WebhookResponse> {
    return toWebhookResponse(await findVisibleWebhook(this.orm.em.fork(), principal, webhookId));
  }
}
