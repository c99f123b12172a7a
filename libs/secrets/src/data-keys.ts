import type { EntityManager } from '@mikro-orm/postgresql';

// The key table is not the event log: deleting a row here is how a
// credential is crypto-shredded, while its events stay untouched.
const INSERT_DATA_KEY = 'insert into kl_data_keys (dek_id, credential_id, kek_id, wrapped) values (?, ?, ?, ?)';
const SELECT_WRAPPED = 'select wrapped from kl_data_keys where dek_id = ?';
const DELETE_CREDENTIAL_KEYS = 'delete from kl_data_keys where credential_id = ?';
const DELETE_DATA_KEY = 'delete from kl_data_keys where dek_id = ?';
// Row locks in one order (dek_id) so two lockers never wait on each other in a cycle.
const LOCK_DATA_KEYS = 'select dek_id, credential_id, kek_id, wrapped from kl_data_keys where dek_id in (?) order by dek_id for update';
const UPDATE_WRAPPED = `update kl_data_keys k set kek_id = ?, wrapped = u.wrapped, rewrapped_at = now()
  from unnest(array[?]::uuid[], array[?]::text[]) as u(dek_id, wrapped) where k.dek_id = u.dek_id`;
const COUNT_PER_KEK = 'select kek_id, count(*)::int as count from kl_data_keys group by kek_id order by kek_id';
const NEWEST_PER_KEK = 'select distinct on (kek_id) kek_id, dek_id, wrapped from kl_data_keys order by kek_id, created_at desc';
const KEY_TABLE_EXISTS = "select to_regclass('kl_data_keys') is not null as present";

export interface StoredDataKey {
  dekId: string;
  credentialId: string;
  kekId: string;
  wrapped: string;
}

export async function insertDataKey(tx: EntityManager, key: StoredDataKey): Promise<void> {
  await tx.execute(INSERT_DATA_KEY, [key.dekId, key.credentialId, key.kekId, key.wrapped], 'run');
}

export async function findWrappedKey(em: EntityManager, dekId: string): Promise<string | null> {
  const rows = await em.execute<{ wrapped: string }[]>(SELECT_WRAPPED, [dekId]);
  return rows[0]?.wrapped ?? null;
}

export async function deleteCredentialKeys(tx: EntityManager, credentialId: string): Promise<number> {
  const result = await tx.execute<{ affectedRows: number }>(DELETE_CREDENTIAL_KEYS, [credentialId], 'run');
  return result.affectedRows;
}

export async function deleteDataKey(tx: EntityManager, dekId: string): Promise<number> {
  const result = await tx.execute<{ affectedRows: number }>(DELETE_DATA_KEY, [dekId], 'run');
  return result.affectedRows;
}

/** The rows of these data keys that still exist, locked until the transaction ends. */
export async function lockDataKeys(tx: EntityManager, dekIds: string[]): Promise<StoredDataKey[]> {
  if (dekIds.length === 0) return [];
  const rows = await tx.execute<{ dek_id: string; credential_id: string; kek_id: string; wrapped: string }[]>(LOCK_DATA_KEYS, [dekIds]);
  return rows.map((r) => ({ dekId: r.dek_id, credentialId: r.credential_id, kekId: r.kek_id, wrapped: r.wrapped }));
}

/** Replaces the wrapped form of these data keys, all now wrapped by `kekId`. */
export async function updateWrappedKeys(tx: EntityManager, kekId: string, keys: { dekId: string; wrapped: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(UPDATE_WRAPPED, [kekId, keys.map((k) => k.dekId), keys.map((k) => k.wrapped)], 'run');
}

export async function countKeysPerKek(em: EntityManager): Promise<Map<string, number>> {
  const rows = await em.execute<{ kek_id: string; count: number }[]>(COUNT_PER_KEK);
  return new Map(rows.map((r) => [r.kek_id, r.count]));
}

/** One sample data key per master key that wraps any: enough to prove the keyring can unwrap them. */
export async function newestKeyPerKek(em: EntityManager): Promise<Omit<StoredDataKey, 'credentialId'>[]> {
  const rows = await em.execute<{ kek_id: string; dek_id: string; wrapped: string }[]>(NEWEST_PER_KEK);
  return rows.map((r) => ({ kekId: r.kek_id, dekId: r.dek_id, wrapped: r.wrapped }));
}

export async function keyTableExists(em: EntityManager): Promise<boolean> {
  const rows = await em.execute<{ present: boolean }[]>(KEY_TABLE_EXISTS);
  return rows[0]?.present === true;
}
