import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';

const FIND_IDEMPOTENT = `select fingerprint, status_code, response from kl_idempotency where tenant = ? and key = ?`;

// ON CONFLICT DO NOTHING instead of a plain INSERT: a duplicate key does not
// abort the caller's transaction, and a concurrent insert of the same key
// waits on the primary key until the first transaction ends.
const RECORD_IDEMPOTENT = `insert into kl_idempotency (tenant, key, fingerprint, status_code, response)
values (?, ?, ?, ?, ?::jsonb)
on conflict (tenant, key) do nothing
returning 1 as inserted`;

export interface IdempotentRecord {
  fingerprint: string;
  statusCode: number;
  response: unknown;
}

export async function findIdempotent(tx: EntityManager, tenant: string, key: string): Promise<IdempotentRecord | null> {
  const rows: { fingerprint: string; status_code: number; response: unknown }[] = await tx.execute(FIND_IDEMPOTENT, [tenant, key]);
  const row = rows[0];
  return row === undefined ? null : { fingerprint: row.fingerprint, statusCode: row.status_code, response: row.response };
}

/**
 * Stores the first response for a key, in the transaction of the command it
 * answers. If another transaction recorded the same key first (it committed
 * while this one ran), throws IDEMPOTENCY_KEY_IN_FLIGHT: the caller must roll
 * back, and a retry of the request finds the stored response and replays it.
 */
export async function recordIdempotent(
  tx: EntityManager,
  tenant: string,
  key: string,
  fingerprint: string,
  statusCode: number,
  response: unknown,
): Promise<void> {
  const rows: unknown[] = await tx.execute(RECORD_IDEMPOTENT, [tenant, key, fingerprint, statusCode, JSON.stringify(response)]);
  if (rows.length === 0) {
    throw new KeyledgerError(
      'IDEMPOTENCY_KEY_IN_FLIGHT',
      'another request with this Idempotency-Key completed first; retry to receive its result',
      { key },
    );
  }
}
