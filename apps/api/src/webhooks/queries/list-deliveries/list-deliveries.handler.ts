import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ORM } from '#runtime';
import { listDeliveries } from '#webhooks';
import { decodeCursor, FIRST_PAGE, pageOf } from '../../../http/page-cursor.js';
import { toDeliveryResponse } from '../../webhook.response.js';
import { findVisibleWebhook } from '../list-webhooks/list-webhooks.handler.js';
import { DEFAULT_PAGE_SIZE } from '../list-webhooks/list-webhooks.dto.js';
import type { DeliveryPageResponse } from './list-deliveries.dto.js';
import { ListDeliveriesQuery } from './list-deliveries.query.js';

@QueryHandler(ListDeliveriesQuery)
export class ListDeliveriesHandler implements IQueryHandler<ListDeliveriesQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, webhookId, page }: ListDeliveriesQuery): Promise<DeliveryPageResponse> {
    const em = this.orm.em.fork();
    await findVisibleWebhook(em, principal, webhookId);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = page.cursor ? decodeCursor(page.cursor) : FIRST_PAGE;
    const rows = await listDeliveries(em, webhookId, page.status ?? null, after, limit + 1);
    const { items, nextCursor } = pageOf(rows.map(toDeliveryResponse), limit, (d) => d);
    return { deliveries: items, nextCursor };
  }
}
