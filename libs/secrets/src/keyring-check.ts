import type { EntityManager } from '@mikro-orm/postgresql';
import { EnvKeyProvider, MasterKeyError, type KeyProvider, type MasterKey } from '#crypto';
import { openOrm } from '#database';
import { keyTableExists, newestKeyPerKek } from './data-keys.js';

/**
 * Start-up gate: every master key that wraps stored data keys must be in the
 * keyring and must actually unwrap one of them. Runs before migrations and
 * before anything is written, so a wrong key never touches the database.
 */
export async function assertKeyringUnwrapsStoredKeys(em: EntityManager, keys: KeyProvider): Promise<void> {
  if (!(await keyTableExists(em))) return;
  const known = new Set(keys.kekIds());
  for (const sample of await newestKeyPerKek(em)) {
    if (!known.has(sample.kekId)) {
      throw new MasterKeyError(
        `stored data keys are wrapped by master key "${sample.kekId}", which is not in KEYLEDGER_MASTER_KEYS: add it back (after the new key) until a key rotation has rewrapped them`,
      );
    }
    try {
      const dek = await keys.unwrapKey(sample.wrapped, sample.dekId);
      dek.fill(0);
    } catch {
      throw new MasterKeyError(
        `master key "${sample.kekId}" cannot unwrap the data keys stored in this database: it is not the key they were written with`,
      );
    }
  }
}

/** The same gate for a process start: opens its own short-lived connection. */
export async function assertKeyringUnwrapsDatabase(config: { databaseUrl: string; masterKeys: MasterKey[] }): Promise<void> {
  const orm = await openOrm(config.databaseUrl, { poolMax: 1 });
  try {
    await assertKeyringUnwrapsStoredKeys(orm.em.fork(), new EnvKeyProvider(config.masterKeys));
  } finally {
    await orm.close();
  }
}
