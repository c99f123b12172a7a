import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeyProvider } from '#crypto';
import { countKeysPerKek } from './data-keys.js';

export interface KekStatus {
  kekId: string;
  /** Wraps every new data key. */
  active: boolean;
  /** In this process's keyring: a key that is not cannot be unwrapped here. */
  inKeyring: boolean;
  /** Stored data keys it wraps; once 0, the key can leave KEYLEDGER_MASTER_KEYS. */
  dataKeys: number;
}

/** Every master key of the keyring (active first) and every one stored data keys still name. */
export async function keyringStatus(em: EntityManager, keys: KeyProvider): Promise<KekStatus[]> {
  const counts = await countKeysPerKek(em);
  const ring = keys.kekIds();
  const elsewhere = [...counts.keys()].filter((id) => !ring.includes(id)).sort();
  return [...ring, ...elsewhere].map((kekId) => ({
    kekId,
    active: kekId === keys.activeKekId,
    inKeyring: ring.includes(kekId),
    dataKeys: counts.get(kekId) ?? 0,
  }));
}
