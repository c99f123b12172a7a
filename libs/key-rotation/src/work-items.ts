import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeyRotationMode } from '#domain';

// The rotation's work list (kl_key_rotation_items). Batches take rows with
// SKIP LOCKED, so any number of workers take disjoint batches; a row is
// deleted in the transaction that processes its data key, so a batch that
// dies leaves its rows for the next one.
const PLAN_REWRAP = `with ins as (
  insert into kl_key_rotation_items (rotation_id, dek_id, credential_id)
  select ?, dek_id, credential_id from kl_data_keys where kek_id <> ?
  on conflict do nothing returning 1)
select count(*)::int as n from ins`;
const PLAN_REENCRYPT = `with ins as (
  insert into kl_key_rotation_items (rotation_id, dek_id, credential_id)
  select ?, dek_id, credential_id from kl_data_keys
  on conflict do nothing returning 1)
select count(*)::int as n from ins`;
// Keys written under an old master key after planning (a process still running
// with the old keyring): the rotation is not over while any is left.
const ADD_STRAGGLERS = `with ins as (
  insert into kl_key_rotation_items (rotation_id, dek_id, credential_id)
  select ?, k.dek_id, k.credential_id from kl_data_keys k
  where k.kek_id <> ? and not exists (select 1 from kl_key_rotation_items i where i.rotation_id = ? and i.dek_id = k.dek_id)
  on conflict do nothing returning 1)
select count(*)::int as n from ins`;
const TAKE = `select dek_id, credential_id from kl_key_rotation_items
  where rotation_id = ? and not failed order by dek_id limit ? for update skip locked`;
const DELETE_DONE = `delete from kl_key_rotation_items where rotation_id = ? and dek_id in (?)`;
const MARK_FAILED = `update kl_key_rotation_items set failed = true where rotation_id = ? and dek_id in (?)`;
const ANY_OPEN = `select exists (select 1 from kl_key_rotation_items where rotation_id = ? and not failed) as open`;
const CLEAR = `delete from kl_key_rotation_items where rotation_id = ?`;

export interface WorkItem {
  dekId: string;
  credentialId: string;
}

const count = (rows: { n: number }[]) => rows[0]?.n ?? 0;

/** Fills the work list: data keys not under the target (rewrap), or every data key (reencrypt). */
export async function planItems(tx: EntityManager, rotationId: string, mode: KeyRotationMode, targetKekId: string): Promise<number> {
  if (mode === 'rewrap') return count(await tx.execute(PLAN_REWRAP, [rotationId, targetKekId]));
  return count(await tx.execute(PLAN_REENCRYPT, [rotationId]));
}

export async function addStragglers(tx: EntityManager, rotationId: string, targetKekId: string): Promise<number> {
  return count(await tx.execute(ADD_STRAGGLERS, [rotationId, targetKekId, rotationId]));
}

/** Up to `limit` open items no other transaction holds, locked until this one ends. */
export async function takeItems(tx: EntityManager, rotationId: string, limit: number): Promise<WorkItem[]> {
  const rows = await tx.execute<{ dek_id: string; credential_id: string }[]>(TAKE, [rotationId, limit]);
  return rows.map((r) => ({ dekId: r.dek_id, credentialId: r.credential_id }));
}

export async function finishItems(tx: EntityManager, rotationId: string, outcome: { done: string[]; failed: string[] }): Promise<void> {
  if (outcome.done.length > 0) await tx.execute(DELETE_DONE, [rotationId, outcome.done], 'run');
  if (outcome.failed.length > 0) await tx.execute(MARK_FAILED, [rotationId, outcome.failed], 'run');
}

/** Any item left to process, whoever holds it. */
export async function anyOpenItem(em: EntityManager, rotationId: string): Promise<boolean> {
  return (await em.execute<{ open: boolean }[]>(ANY_OPEN, [rotationId]))[0]?.open === true;
}

export async function clearItems(tx: EntityManager, rotationId: string): Promise<void> {
  await tx.execute(CLEAR, [rotationId], 'run');
}
