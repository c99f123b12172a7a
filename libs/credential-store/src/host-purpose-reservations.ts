import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { credentialIdOfStream } from './credential-stream.js';

// (host, purpose) is unique per tenant among active credentials: a
// reservation row per pair, written in the transaction of the event that makes
// a credential hold or let go of it (register, restore, a change of host or
// purpose; deactivate, destroy). Same scheme as kl_name_reservations: a
// concurrent claim of the same pair waits on the primary key until the other
// transaction ends, so two active credentials never get one pair.
const RESERVE = `insert into kl_host_purpose_reservations (tenant, host, purpose, stream_id)
values (?, ?, ?, ?)
on conflict (tenant, host, purpose) do update set stream_id = excluded.stream_id
  where kl_host_purpose_reservations.stream_id = excluded.stream_id
returning stream_id`;

const HOLDER = `select stream_id from kl_host_purpose_reservations where tenant = ? and host = ? and purpose = ?`;

const RELEASE = `delete from kl_host_purpose_reservations where tenant = ? and host = ? and purpose = ? and stream_id = ?`;

/** Host and purpose of a credential, when both are set: only such a pair is constrained. */
export interface HostPurpose {
  host: string;
  purpose: string;
}

export function hostPurposeOf(metadata: { host: string | null; purpose: string | null }): HostPurpose | null {
  const { host, purpose } = metadata;
  return host && purpose ? { host, purpose } : null;
}

/**
 * Claims `(tenant, host, purpose)` for a credential's stream; claiming again
 * for the same stream is a no-op. Held by another stream: DUPLICATE_HOST_PURPOSE
 * naming the holder's credential id (the failure does not abort the transaction).
 */
export async function reserveHostPurpose(tx: EntityManager, tenant: string, pair: HostPurpose, streamId: string): Promise<void> {
  const { host, purpose } = pair;
  const rows: unknown[] = await tx.execute(RESERVE, [tenant, host, purpose, streamId]);
  if (rows.length > 0) return;
  // The insert waited for a concurrent holder to commit, so this statement sees it.
  const holder = await findHostPurposeHolder(tx, tenant, pair);
  const existing = holder === null ? '' : `: ${holder}`;
  throw new KeyledgerError(
    'DUPLICATE_HOST_PURPOSE',
    `an active credential for host "${host}" and purpose "${purpose}" already exists${existing}`,
    { host, purpose, credentialId: holder },
  );
}

/** Frees a pair; only the stream that holds it can release it. */
export async function releaseHostPurpose(tx: EntityManager, tenant: string, pair: HostPurpose, streamId: string): Promise<void> {
  await tx.execute(RELEASE, [tenant, pair.host, pair.purpose, streamId], 'run');
}

/** The id of the active credential holding `(tenant, host, purpose)`, or null. */
export async function findHostPurposeHolder(em: EntityManager, tenant: string, pair: HostPurpose): Promise<string | null> {
  const [row] = await em.execute<{ stream_id: string }[]>(HOLDER, [tenant, pair.host, pair.purpose]);
  return row ? credentialIdOfStream(row.stream_id) : null;
}
