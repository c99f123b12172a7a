import type { KeyObject } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { readCheckpoint } from './checkpoints.js';
import { EVENT_SEAL_CONSUMER } from './seal.js';
import { sealKeyLookup, type SealKeyring } from './seal-keys.js';
import { RECORDED_MICROS } from './seal-rows.js';
import { checkSeal, type ChainHead, type SealLink } from './verify-seal-checks.js';
import { earlier, type Finding } from './verify-checks.js';
import { inSnapshot, verifyResult, verifyUnsealed } from './verify.js';
import type { VerifyResult } from './types.js';

const SEAL_PAGE = `select s.seal_seq, s.global_position as seal_position, s.transaction_id as seal_txid, s.event_hash as seal_hash,
  s.kek_id, s.mac, e.global_position, e.transaction_id, e.event_id, e.stream_id, e.stream_type, e.stream_version,
  e.tenant, e.type, ${RECORDED_MICROS} as recorded_us, e.hash, e.prev_hash
from kl_event_seals s left join kl_events e on e.global_position = s.global_position
where s.seal_seq > ?
order by s.seal_seq
limit ?`;

const LAST_SEAL = `select transaction_id, global_position from kl_event_seals order by seal_seq desc limit 1`;

// At or below the sealed horizon in log order, every event must have a seal.
const UNSEALED_BELOW = `select e.transaction_id, e.global_position from kl_events e
where (e.transaction_id, e.global_position) <= (?::xid8, ?::bigint)
  and not exists (select 1 from kl_event_seals s where s.global_position = e.global_position)
order by e.transaction_id, e.global_position
limit 1`;

// No transaction at or above the snapshot's xmax had started when it was
// taken: an event carrying such an id (other than the verifying transaction's
// own) was written with a forged transaction_id.
const FUTURE_TRANSACTION = `select transaction_id, global_position from kl_events
where transaction_id >= pg_snapshot_xmax(pg_current_snapshot())
  and transaction_id is distinct from pg_current_xact_id_if_assigned()
order by transaction_id, global_position
limit 1`;

interface SealRow {
  seal_seq: string;
  seal_position: string;
  seal_txid: string;
  seal_hash: Buffer;
  kek_id: string;
  mac: Buffer;
  global_position: string | null;
  transaction_id: string | null;
  event_id: string;
  stream_id: string;
  stream_type: string;
  stream_version: string | null;
  tenant: string;
  type: string;
  recorded_us: string;
  hash: Buffer;
  prev_hash: Buffer | null;
}

interface PositionRow {
  transaction_id: string;
  global_position: string;
}

export interface SealedVerifyResult extends VerifyResult {
  /** Position of the last sealed event: every event up to it in log order is sealed. 0 when nothing is sealed yet. */
  sealedThrough: number;
  /** KEK ids of seals that could not be checked because the KEK is not in the keyring. */
  unverifiable?: string[];
}

function toLink(r: SealRow): SealLink {
  const seq = Number(r.seal_seq);
  const event =
    r.global_position === null
      ? null
      : {
          sealSeq: seq,
          kekId: r.kek_id,
          globalPosition: Number(r.global_position),
          transactionId: String(r.transaction_id),
          eventId: r.event_id,
          streamId: r.stream_id,
          streamType: r.stream_type,
          streamVersion: r.stream_version === null ? null : Number(r.stream_version),
          tenant: r.tenant,
          type: r.type,
          recordedAtMicros: String(r.recorded_us),
          hash: r.hash.toString('hex'),
          prevHash: r.prev_hash === null ? null : r.prev_hash.toString('hex'),
        };
  return {
    seq,
    position: Number(r.seal_position),
    transactionId: String(r.seal_txid),
    eventHash: r.seal_hash,
    kekId: r.kek_id,
    mac: r.mac,
    event,
  };
}

const finding = (row: PositionRow, reason: string): Finding => ({
  transactionId: BigInt(row.transaction_id),
  position: Number(row.global_position),
  reason,
});

/** Walks the seal chain in seal order; stops at the first bad seal. */
async function verifySeals(tx: EntityManager, keyOf: (kekId: string) => KeyObject | null, batchSize: number) {
  const unverifiable = new Set<string>();
  let prev: ChainHead | null = null;
  for (;;) {
    const rows: SealRow[] = await tx.execute(SEAL_PAGE, [prev?.seq ?? 0, batchSize]);
    for (const link of rows.map(toLink)) {
      const key = keyOf(link.kekId);
      if (key === null) unverifiable.add(link.kekId);
      const reason = checkSeal(prev, link, key);
      if (reason !== null)
        return { unverifiable, first: finding({ transaction_id: link.transactionId, global_position: String(link.position) }, reason) };
      prev = { seq: link.seq, mac: link.mac };
    }
    if (rows.length < batchSize) return { unverifiable, first: undefined };
  }
}

/** Events that should be sealed and are not, forged transaction ids, and a seal chain cut short at its end. */
async function verifyHorizon(tx: EntityManager): Promise<{ sealedThrough: number; first?: Finding }> {
  const [last] = await tx.execute<PositionRow[]>(LAST_SEAL);
  const checkpoint = await readCheckpoint(tx, EVENT_SEAL_CONSUMER);
  let first: Finding | undefined;
  const [future] = await tx.execute<PositionRow[]>(FUTURE_TRANSACTION);
  if (future)
    first = finding(future, `the event at position ${future.global_position} carries a transaction id that was never issued (forged)`);
  if (last !== undefined) {
    const [unsealed] = await tx.execute<PositionRow[]>(UNSEALED_BELOW, [last.transaction_id, last.global_position]);
    if (unsealed)
      first = earlier(
        first,
        finding(unsealed, `the event at position ${unsealed.global_position} lies below the sealed horizon without a seal (inserted)`),
      );
  }
  const sealedThrough = last === undefined ? 0 : Number(last.global_position);
  if (checkpoint.globalPosition !== sealedThrough || (last !== undefined && checkpoint.transactionId !== String(last.transaction_id))) {
    const cut = { transaction_id: checkpoint.transactionId, global_position: String(checkpoint.globalPosition) };
    first = earlier(
      first,
      finding(
        cut,
        `the sealer reached position ${checkpoint.globalPosition} but the seal chain ends at ${sealedThrough}: seals were removed from its end`,
      ),
    );
  }
  return { sealedThrough, first };
}

/**
 * verifyLog plus the keyed seal: every sealed event must still be there,
 * unchanged, in its sealed place, under a valid MAC chain; nothing may sit
 * unsealed below the sealed horizon. Events above it are checked by hash and
 * stream chain only. One REPEATABLE READ snapshot; constant memory.
 */
export function verifySealedLog(em: EntityManager, keys: SealKeyring, opts: { batchSize?: number } = {}): Promise<SealedVerifyResult> {
  const batchSize = opts.batchSize ?? 1000;
  return inSnapshot(em, async (tx) => {
    const unsealed = await verifyUnsealed(tx, batchSize);
    const seals = await verifySeals(tx, sealKeyLookup(keys), batchSize);
    const horizon = await verifyHorizon(tx);
    const first = earlier(earlier(unsealed.first, seals.first), horizon.first);
    const result: SealedVerifyResult = { ...verifyResult(unsealed.checked, first), sealedThrough: horizon.sealedThrough };
    if (seals.unverifiable.size === 0) return result;
    const missing = [...seals.unverifiable].sort();
    if (first === undefined) result.reason = `seals made under master key(s) ${missing.join(', ')} cannot be checked: not in the keyring`;
    return { ...result, ok: false, unverifiable: missing };
  });
}
