import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { ORM } from '#runtime';
import { decodeCursor, FIRST_PAGE, pageOf } from '../../../http/page-cursor.js';
import { findPrincipal, listPrincipals } from '../../principal-rows.js';
import { toPrincipalResponse, type PrincipalPageResponse, type PrincipalResponse } from '../../principal.response.js';
import { administeredTenant, administers } from '../../tenant-scope.js';
import { DEFAULT_PAGE_SIZE } from '../page.dto.js';
import { GetPrincipalQuery, ListPrincipalsQuery } from './list-principals.query.js';

@QueryHandler(ListPrincipalsQuery)
export class ListPrincipalsHandler implements IQueryHandler<ListPrincipalsQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ actor, page }: ListPrincipalsQuery): Promise<PrincipalPageResponse> {
    const tenant = administeredTenant(actor, page.tenant);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const after = page.cursor ? decodeCursor(page.cursor) : FIRST_PAGE;
    const rows = await listPrincipals(this.orm.em.fork(), tenant, after, limit + 1);
    const { items, nextCursor } = pageOf(rows.map(toPrincipalResponse), limit, (p) => p);
    return { principals: items, nextCursor };
  }
}

@QueryHandler(GetPrincipalQuery)
export class GetPrincipalHandler implements IQueryHandler<GetPrincipalQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ actor, principalId }: GetPrincipalQuery): Promise<PrincipalResponse> {
    const row = await findPrincipal(this.orm.em.fork(), principalId);
    if (!row || !administers(actor, row.tenant)) throw new KeyledgerError('NOT_FOUND', `principal ${principalId} not found`);
    return toPrincipalResponse(row);
  }
}
