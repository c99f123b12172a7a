import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { singleRow } from '#database';
import { fromRow, type CredentialRow } from '#credential-store';
import { getTemplate } from '#domain';
import { ORM } from '#runtime';
import { reachCondition, type SqlFragment } from '../../../access/grant-scope.sql.js';
import { toCredentialResponse } from '../../credential.response.js';
import { withLastUsed } from '../last-used.js';
import {
  DEFAULT_EXPIRING_WITHIN_DAYS,
  DEFAULT_SUMMARY_LIMIT,
  type CredentialCountsByCategory,
  type CredentialCountsByStatus,
  type CredentialSelection,
  type CredentialSummaryResponse,
} from './credential-summary.dto.js';
import { countActiveByType, countByStatus, expiring, failing, type Selection } from './credential-summary.sql.js';
import { CredentialSummaryQuery } from './credential-summary.query.js';

interface CountRow {
  key: string;
  count: number;
}

@QueryHandler(CredentialSummaryQuery)
export class CredentialSummaryHandler implements IQueryHandler<CredentialSummaryQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, options }: CredentialSummaryQuery): Promise<CredentialSummaryResponse> {
    const em = this.orm.em.fork();
    const days = options.expiring_within_days ?? DEFAULT_EXPIRING_WITHIN_DAYS;
    const limit = options.limit ?? DEFAULT_SUMMARY_LIMIT;
    // A service counts (and sees listed) only what it was granted, as in the list.
    const reach = reachCondition(principal, 'read', 'c');
    const [statuses, types, soon, failed] = await Promise.all([
      counts(em, countByStatus(principal.tenant, reach)),
      counts(em, countActiveByType(principal.tenant, reach)),
      select(em, expiring(principal.tenant, days, reach, limit)),
      select(em, failing(principal.tenant, reach, limit)),
    ]);
    const byStatus: CredentialCountsByStatus = { active: 0, inactive: 0, destroyed: 0 };
    for (const { key, count } of statuses) if (key in byStatus) byStatus[key as keyof CredentialCountsByStatus] = count;
    const byCategory: CredentialCountsByCategory = { service: 0, seed: 0 };
    for (const { key, count } of types) byCategory[getTemplate(key)?.category ?? 'seed'] += count;
    return {
      total: byStatus.active + byStatus.inactive + byStatus.destroyed,
      byStatus,
      byCategory,
      expiringWithinDays: days,
      expiring: soon,
      failing: failed,
    };
  }
}

const counts = (em: EntityManager, query: SqlFragment) => em.execute<CountRow[]>(query.sql, query.params);

async function select(em: EntityManager, selection: Selection): Promise<CredentialSelection> {
  const [rows, counted] = await Promise.all([
    em.execute<CredentialRow[]>(selection.rows.sql, selection.rows.params),
    em.execute<{ count: number }[]>(selection.count.sql, selection.count.params),
  ]);
  const credentials = await withLastUsed(
    em,
    rows.map((row) => toCredentialResponse(fromRow(row))),
  );
  return { total: singleRow(counted).count, credentials };
}
