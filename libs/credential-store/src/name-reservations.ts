import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';

// Names are unique per tenant among credentials: a reservation row per name,
// written in the transaction of the event that claims or frees it.
// Inserts the reservation, or keeps an existing one held by the same stream
// (reserving twice is a no-op). A reservation held by another stream returns
// no row. A concurrent reservation of the same name waits on the primary key
// until the other transaction ends, so two credentials never get one name.
const RESERVE_NAME = `insert into kl_name_reservations (tenant, name, stream_id)
values (?, ?, ?)
on conflict (tenant, name) do update set stream_id = excluded.stream_id
  where kl_name_reservations.stream_id = excluded.stream_id
returning stream_id`;

const RELEASE_NAME = `delete from kl_name_reservations where tenant = ? and name = ? and stream_id = ?`;

export async function reserveName(tx: EntityManager, tenant: string, name: string, streamId: string): Promise<void> {
  const rows: unknown[] = await tx.execute(RESERVE_NAME, [tenant, name, streamId]);
  if (rows.length === 0) {
    throw new KeyledgerError('DUPLICATE_NAME', `a credential named "${name}" already exists`, { name });
  }
}

/** Frees a name; only the stream that holds it can release it. */
export async function releaseName(tx: EntityManager, tenant: string, name: string, streamId: string): Promise<void> {
  await tx.execute(RELEASE_NAME, [tenant, name, streamId], 'run');
}
