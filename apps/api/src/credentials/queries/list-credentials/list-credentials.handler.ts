import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { singleRow } from '#database';
import { ORM } from '#runtime';
import { reachCondition } from '../../../access/grant-scope.sql.js';
import { fromRow, type CredentialRow } from '#credential-store';
import { toCredentialResponse } from '../../credential.response.js';
import { decodeCursor, encodeCursor } from '../../../http/page-cursor.js';
import { credentialFilter } from './credential-filter.sql.js';
import { withLastUsed } from '../last-used.js';
import type { CredentialPageResponse } from './list-credentials.dto.js';
import { ListCredentialsQuery } from './list-credentials.query.js';

const DEFAULT_LIMIT = 50;

@QueryHandler(ListCredentialsQuery)
export class ListCredentialsHandler implements IQueryHandler<ListCredentialsQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, filters }: ListCredentialsQuery): Promise<CredentialPageResponse> {
    const em = this.orm.em.fork();
    const limit = filters.limit ?? DEFAULT_LIMIT;
    const filter = credentialFilter(principal.tenant, filters);
    // A service lists (and counts) only what it was granted.
    const reach = reachCondition(principal, 'read', 'kl_credentials');
    const [where, params] = [`${filter.where} and ${reach.sql}`, [...filter.params, ...reach.params]];
    const after = filters.cursor ? decodeCursor(filters.cursor) : null;
    const page = after ? `${where} and (created_at, id) > (?::timestamptz, ?::uuid)` : where;
    const pageParams = after ? [...params, after.createdAt, after.id] : params;
    const [rows, counted] = await Promise.all([
      em.execute<CredentialRow[]>(`select * from kl_credentials where ${page} order by created_at, id limit ?`, [...pageParams, limit + 1]),
      em.execute<{ total: number }[]>(`select count(*)::int as total from kl_credentials where ${where}`, params),
    ]);
    const credentials = await withLastUsed(
      em,
      rows.slice(0, limit).map((row) => toCredentialResponse(fromRow(row))),
    );
    const last = credentials.at(-1);
    const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null;
    return { credentials, total: singleRow(counted).total, nextCursor };
  }
}
