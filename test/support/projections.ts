import type { EntityManager } from '@mikro-orm/postgresql';
import { eventually } from './async.js';

// Consumers see only events below the oldest transaction running anywhere in
// the cluster, and other test files run in parallel: catching up is retried
// until the expected rows are there instead of expected at once.

export async function rowCount(em: EntityManager, table: string): Promise<number> {
  const rows: { n: number }[] = await em.execute(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

/** Runs `catchUp` until `table` holds `rows` rows (a consumer's output, e.g. kl_event_seals). */
export function catchUpUntil(
  em: () => EntityManager,
  catchUp: (em: EntityManager) => Promise<unknown>,
  table: string,
  rows: number,
): Promise<void> {
  return eventually(
    async () => {
      await catchUp(em());
      return (await rowCount(em(), table)) >= rows;
    },
    20_000,
    `${table} reaching ${rows} rows`,
  );
}
