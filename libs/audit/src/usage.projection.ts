import type { EntityManager } from '@mikro-orm/postgresql';
import { catchUp, rebuildFromStart, type BatchHandler, type CatchUpOptions, type CatchUpResult } from '#event-store';
import { usageOf } from './usage.js';

export const USAGE_PROJECTION = 'usage';
const BATCH_SIZE = 500;

// Each event is applied once (the checkpoint commits with the upsert), so
// counts add up; the latest use wins whatever the order within a batch.
const UPSERT_USAGE = `insert into kl_credential_usage (credential_id, last_used_at, reveal_count)
select u.id, u.last_used_at, u.n
from unnest(array[?]::uuid[], array[?]::timestamptz[], array[?]::bigint[]) as u(id, last_used_at, n)
on conflict (credential_id) do update set
  last_used_at = greatest(kl_credential_usage.last_used_at, excluded.last_used_at),
  reveal_count = kl_credential_usage.reveal_count + excluded.reveal_count`;

const LAST_USED = `select credential_id, last_used_at from kl_credential_usage where credential_id in (?)`;

export const projectUsage: BatchHandler = async (tx, events) => {
  const usage = [...usageOf(events)];
  if (usage.length === 0) return;
  await tx.execute(UPSERT_USAGE, [usage.map(([id]) => id), usage.map(([, u]) => u.lastUsedAt), usage.map(([, u]) => u.reveals)], 'run');
};

/** Projects reveals and lookups into kl_credential_usage until caught up (or the options' bound). */
export function catchUpUsage(em: EntityManager, opts: CatchUpOptions = {}): Promise<CatchUpResult> {
  return catchUp(em, USAGE_PROJECTION, projectUsage, { batchSize: BATCH_SIZE, ...opts });
}

export function rebuildUsage(em: EntityManager): Promise<number> {
  const truncate = (tx: EntityManager) => tx.execute('truncate kl_credential_usage', [], 'run');
  return rebuildFromStart(em, USAGE_PROJECTION, truncate, projectUsage, { batchSize: BATCH_SIZE });
}

/** lastUsedAt (ISO-8601) of each credential that was ever revealed or looked up. */
export async function readLastUsed(em: EntityManager, credentialIds: string[]): Promise<Map<string, string>> {
  if (credentialIds.length === 0) return new Map();
  const rows: { credential_id: string; last_used_at: string }[] = await em.execute(LAST_USED, [credentialIds]);
  return new Map(rows.map((r) => [r.credential_id, new Date(r.last_used_at).toISOString()]));
}
