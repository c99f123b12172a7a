import type { EntityManager } from '@mikro-orm/postgresql';
import { derivePurposeKey, generateDataKey, type KeyProvider } from '#crypto';
import type { SealKeyring } from '#event-store';

// The key that seals the event log is a random 256-bit key of its own, kept
// in kl_data_keys wrapped by the active master key, like a credential's data
// key. A master-key rotation rewraps it with the others, so seals made before
// a rotation still verify once the old master key is gone; a database
// superuser without a master key can neither read it nor forge a seal.
// Its id is fixed, so workers starting at once agree on one key.

/** The owner of the seal key's row in kl_data_keys (no credential has this id). */
export const SEAL_KEY_OWNER = '00000000-0000-0000-0000-0000000005ea';
/** The seal key's id: what kl_event_seals.kek_id names. */
export const SEAL_KEY_ID = '00000000-0000-4000-8000-0000000005ea';

const SELECT_SEAL_KEYS = 'select dek_id, wrapped from kl_data_keys where credential_id = ?';
const INSERT_SEAL_KEY = `insert into kl_data_keys (dek_id, credential_id, kek_id, wrapped) values (?, ?, ?, ?)
  on conflict (dek_id) do nothing`;

/** The seal keys as #event-store's sealer and verifier take them, unwrapped with the keyring; the first call on a new database creates the seal key. */
export async function loadSealKeyring(em: EntityManager, keys: KeyProvider): Promise<SealKeyring> {
  let rows = await em.execute<{ dek_id: string; wrapped: string }[]>(SELECT_SEAL_KEYS, [SEAL_KEY_OWNER]);
  if (rows.length === 0) {
    const wrapped = await keys.wrapKey(generateDataKey(), SEAL_KEY_ID);
    await em.execute(INSERT_SEAL_KEY, [SEAL_KEY_ID, SEAL_KEY_OWNER, keys.activeKekId, wrapped], 'run');
    rows = await em.execute(SELECT_SEAL_KEYS, [SEAL_KEY_OWNER]);
  }
  const unwrapped = new Map<string, Buffer>();
  for (const row of rows) unwrapped.set(row.dek_id, await keys.unwrapKey(row.wrapped, row.dek_id));
  return {
    activeKekId: SEAL_KEY_ID,
    kekIds: () => [...unwrapped.keys()],
    deriveKeyFor(id, purpose) {
      const key = unwrapped.get(id);
      if (key === undefined) throw new RangeError('no seal key with this id');
      return derivePurposeKey(key, purpose);
    },
  };
}
