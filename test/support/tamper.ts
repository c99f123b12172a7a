import type { EntityManager } from '@mikro-orm/postgresql';

const ROLLBACK = new Error('rollback');

/** How the superuser gets past the append-only triggers. */
export type TriggerBypass = 'disable trigger' | 'replication role';

const BYPASS: Record<TriggerBypass, string[]> = {
  'disable trigger': ['alter table kl_events disable trigger user', 'alter table kl_event_seals disable trigger user'],
  // Replica sessions fire no ordinary triggers at all.
  'replication role': ['set local session_replication_role = replica'],
};

/**
 * Runs `work` as the database superuser would tamper: in a transaction that
 * bypasses the append-only triggers of the log and of its seals, then rolls
 * everything back, so each test starts from the same log.
 */
export async function inTamperedLog<T>(
  em: EntityManager,
  work: (tx: EntityManager) => Promise<T>,
  bypass: TriggerBypass = 'disable trigger',
): Promise<T> {
  let result: T | undefined;
  await em
    .transactional(async (tx) => {
      for (const sql of BYPASS[bypass]) await tx.execute(sql);
      result = await work(tx);
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
  return result as T;
}
