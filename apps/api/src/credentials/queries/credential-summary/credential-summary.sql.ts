import type { SqlFragment } from '../../../access/grant-scope.sql.js';

// Every statement reads the credentials (`c`) of one tenant within the
// caller's reach (reachCondition's fragment for `c`); values travel as parameters.

/** Credentials per status. */
export function countByStatus(tenant: string, reach: SqlFragment): SqlFragment {
  return {
    sql: `select c.status as key, count(*)::int as count from kl_credentials c where c.tenant = ? and ${reach.sql} group by c.status`,
    params: [tenant, ...reach.params],
  };
}

/** Active credentials per type; a type's category is the template catalogue's, not the database's. */
export function countActiveByType(tenant: string, reach: SqlFragment): SqlFragment {
  return {
    sql: `select c.type as key, count(*)::int as count from kl_credentials c
      where c.tenant = ? and c.status = 'active' and ${reach.sql} group by c.type`,
    params: [tenant, ...reach.params],
  };
}

export interface Selection {
  rows: SqlFragment;
  count: SqlFragment;
}

function selection(tenant: string, condition: SqlFragment, order: string, reach: SqlFragment, limit: number): Selection {
  const where = `c.tenant = ? and ${condition.sql} and ${reach.sql}`;
  const params = [tenant, ...condition.params, ...reach.params];
  return {
    rows: { sql: `select c.* from kl_credentials c where ${where} order by ${order} limit ?`, params: [...params, limit] },
    count: { sql: `select count(*)::int as count from kl_credentials c where ${where}`, params },
  };
}

/**
 * Active credentials expiring within `days`, soonest first. Those already
 * past their date stay in (whether or not the expiry scanner has recorded it
 * yet): they need attention first.
 */
export function expiring(tenant: string, days: number, reach: SqlFragment, limit: number): Selection {
  const condition = {
    sql: `c.status = 'active' and c.expires_at is not null and c.expires_at <= now() + make_interval(days => ?)`,
    params: [days],
  };
  return selection(tenant, condition, 'c.expires_at, c.id', reach, limit);
}

/** Active credentials whose last health check failed, most recently tested first. */
export function failing(tenant: string, reach: SqlFragment, limit: number): Selection {
  const condition = { sql: `c.status = 'active' and c.last_test_status = 'failed'`, params: [] };
  return selection(tenant, condition, 'c.last_tested_at desc, c.id', reach, limit);
}
