import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, foldName } from '#domain';
import { CREDENTIAL_STREAM_TYPE } from './credential-stream.js';

// Names are unique per tenant among credentials, ignoring case: a reservation
// row per case-folded name (foldName of #domain), written in the transaction
// of the event that claims or frees it.
// Inserts the reservation, or keeps an existing one held by the same stream
// (reserving twice is a no-op). A reservation held by another stream returns
// no row. A concurrent reservation of the same key waits on the primary key
// until the other transaction ends, so two credentials never get one name.
const RESERVE_NAME = `insert into kl_name_reservations (tenant, name, stream_id)
values (?, ?, ?)
on conflict (tenant, name) do update set stream_id = excluded.stream_id
  where kl_name_reservations.stream_id = excluded.stream_id
returning stream_id`;

const HOLDER = `select stream_id from kl_name_reservations where tenant = ? and name = ?`;

const HOLDER_NAME = `select name from kl_credentials where tenant = ? and id::text = ?`;

const RELEASE_NAME = `delete from kl_name_reservations where tenant = ? and name = ? and stream_id = ?`;

export async function reserveName(tx: EntityManager, tenant: string, name: string, streamId: string): Promise<void> {
  const key = foldName(name);
  const rows: unknown[] = await tx.execute(RESERVE_NAME, [tenant, key, streamId]);
  if (rows.length === 0) throw await duplicateName(tx, tenant, name, key);
}

/** DUPLICATE_NAME naming the credential that holds the name (in its own spelling) and its id. */
async function duplicateName(tx: EntityManager, tenant: string, name: string, key: string): Promise<KeyledgerError> {
  // The row that refused the insert is visible: its transaction has committed.
  const [holder] = await tx.execute<Array<{ stream_id: string }>>(HOLDER, [tenant, key]);
  const prefix = `${CREDENTIAL_STREAM_TYPE}-`;
  const credentialId = holder?.stream_id.startsWith(prefix) ? holder.stream_id.slice(prefix.length) : undefined;
  const [existing] = credentialId === undefined ? [] : await tx.execute<Array<{ name: string }>>(HOLDER_NAME, [tenant, credentialId]);
  const existingName = existing?.name ?? name;
  return new KeyledgerError('DUPLICATE_NAME', `a credential named "${existingName}" already exists`, {
    name: existingName,
    ...(credentialId === undefined ? {} : { credentialId }),
  });
}

/** Frees a name; only the stream that holds it can release it. */
export async function releaseName(tx: EntityManager, tenant: string, name: string, streamId: string): Promise<void> {
  await tx.execute(RELEASE_NAME, [tenant, foldName(name), streamId], 'run');
}
