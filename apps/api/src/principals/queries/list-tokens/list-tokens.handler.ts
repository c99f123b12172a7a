import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ORM } from '#runtime';
import { decodeCursor, FIRST_PAGE, pageOf } from '../../../http/page-cursor.js';
import { listTokens } from '../../principal-rows.js';
import { toTokenResponse } from '../../principal.response.js';
import { administeredTenant } from '../../tenant-scope.js';
import { DEFAULT_PAGE_SIZE } from '../page.dto.js';
import type { TokenPageResponse } from './list-tokens.dto.js';
import { ListTokensQuery } from './list-tokens.query.js';

@QueryHandler(ListTokensQuery)
export class ListTokensHandler implements IQueryHandler<ListTokensQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ actor, page }: ListTokensQuery): Promise<TokenPageResponse> {
    const tenant = administeredTenant(actor, page.tenant);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = page.cursor ? decodeCursor(page.cursor) : FIRST_PAGE;
    const rows = await listTokens(this.orm.em.fork(), tenant, page.principalId ?? null, after, limit + 1);
    const { items, nextCursor } = pageOf(
      rows.map((row) => toTokenResponse(row)),
      limit,
      (t) => t,
    );
    return { tokens: items, nextCursor };
  }
}
