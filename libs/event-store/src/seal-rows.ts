import type { EntityManager } from '@mikro-orm/postgresql';
import type { SealedFields } from './seal-mac.js';

// recorded_at exactly as stored (microseconds), not the millisecond Date of
// RecordedEvent: the seal covers the stored value.
export const RECORDED_MICROS = `(extract(epoch from recorded_at) * 1000000)::bigint::text`;

const LAST_SEAL = `select seal_seq, mac from kl_event_seals order by seal_seq desc limit 1`;

const RECORDED_AT_OF = `select global_position, ${RECORDED_MICROS} as recorded_us from kl_events where global_position in (?)`;

// Hashes and MACs travel as hex text; MikroORM expands each JS array into a list.
const INSERT_SEALS = `insert into kl_event_seals (seal_seq, global_position, transaction_id, event_hash, kek_id, mac)
select u.seq, u.position, u.txid::xid8, decode(u.hash, 'hex'), ?, decode(u.mac, 'hex')
from unnest(array[?]::bigint[], array[?]::bigint[], array[?]::text[], array[?]::text[], array[?]::text[])
  as u(seq, position, txid, hash, mac)`;

/** The newest seal of the chain, or null before the first one. */
export async function lastSeal(tx: EntityManager): Promise<{ seq: number; mac: Buffer } | null> {
  const rows: { seal_seq: string; mac: Buffer }[] = await tx.execute(LAST_SEAL);
  return rows[0] === undefined ? null : { seq: Number(rows[0].seal_seq), mac: rows[0].mac };
}

/** recorded_at of each position, as microseconds since the epoch (decimal text). */
export async function recordedMicros(tx: EntityManager, positions: number[]): Promise<Map<number, string>> {
  const rows: { global_position: string; recorded_us: string }[] = await tx.execute(RECORDED_AT_OF, [positions]);
  return new Map(rows.map((r) => [Number(r.global_position), String(r.recorded_us)]));
}

export interface NewSeal {
  fields: SealedFields;
  mac: Buffer;
}

export async function insertSeals(tx: EntityManager, kekId: string, seals: NewSeal[]): Promise<void> {
  await tx.execute(
    INSERT_SEALS,
    [
      kekId,
      seals.map((s) => s.fields.sealSeq),
      seals.map((s) => s.fields.globalPosition),
      seals.map((s) => s.fields.transactionId),
      seals.map((s) => s.fields.hash),
      seals.map((s) => s.mac.toString('hex')),
    ],
    'run',
  );
}
