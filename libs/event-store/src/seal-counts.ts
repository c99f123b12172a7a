import type { EntityManager } from '@mikro-orm/postgresql';

// One pass over the seal table: fine for an admin's occasional look at the keyring.
const SEALS_PER_KEK = `select kek_id, count(*)::int as count from kl_event_seals group by kek_id`;

/**
 * How many event seals each master key made. A seal verifies only while the
 * key it names is in the keyring, so this is what a retired master key is
 * still needed for once no data key is wrapped by it.
 */
export async function countSealsPerKek(em: EntityManager): Promise<Map<string, number>> {
  const rows = await em.execute<{ kek_id: string; count: number }[]>(SEALS_PER_KEK);
  return new Map(rows.map((r) => [r.kek_id, r.count]));
}
