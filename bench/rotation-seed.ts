// Seeds the data keys a rotation run rewraps: real DEKs, really wrapped by the
// old master key, written with bulk inserts (the API would take minutes).
import { randomUUID } from 'node:crypto';
import { EnvKeyProvider, generateDataKey, type MasterKey } from '#crypto';
import { withClient } from './database.js';

const INSERT_DATA_KEYS = `insert into kl_data_keys (dek_id, credential_id, kek_id, wrapped)
  select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`;
const CHUNK = 5_000;

interface SeededKey {
  dekId: string;
  credentialId: string;
  wrapped: string;
}

async function wrapFresh(keys: EnvKeyProvider): Promise<SeededKey> {
  const dekId = randomUUID();
  const dek = generateDataKey();
  try {
    return { dekId, credentialId: randomUUID(), wrapped: await keys.wrapKey(dek, dekId) };
  } finally {
    dek.fill(0);
  }
}

/** `count` data keys of as many credentials, wrapped by `oldKey`. */
export async function seedDataKeys(databaseUrl: string, count: number, oldKey: MasterKey): Promise<void> {
  const keys = new EnvKeyProvider([oldKey]);
  await withClient(databaseUrl, async (client) => {
    for (let start = 0; start < count; start += CHUNK) {
      const rows = await Promise.all(Array.from({ length: Math.min(CHUNK, count - start) }, () => wrapFresh(keys)));
      const params = [rows.map((r) => r.dekId), rows.map((r) => r.credentialId), rows.map(() => oldKey.id), rows.map((r) => r.wrapped)];
      await client.query(INSERT_DATA_KEYS, params);
    }
  });
}
