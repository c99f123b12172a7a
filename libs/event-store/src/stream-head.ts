import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, ValidationError } from '#domain';
import type { AppendOptions, ExpectedVersion } from './types.js';

// Compare-and-set on the stream's own row: only appends to the same stream
// meet on a lock (the row lock), and the second of two racing appends finds
// the version moved and matches nothing. Positions are drawn after the row
// is claimed, so within a stream positions rise with versions.
// Placeholders are MikroORM's `?` (interpolated client-side; see README).
const POSITIONS = `array(select nextval('kl_events_position_seq') from generate_series(1, ?)) as positions`;

const CLAIM_EXPECTED = `with s as (
  update kl_streams set version = version + ?, updated_at = now()
  where stream_id = ? and version = ?
  returning version, last_hash)
select s.version, s.last_hash, ${POSITIONS} from s`;

const CLAIM_NEW = `with s as (
  insert into kl_streams (stream_id, stream_type, tenant, version, last_hash)
  values (?, ?, ?, ?, ''::bytea)
  on conflict (stream_id) do nothing
  returning version, last_hash)
select s.version, s.last_hash, ${POSITIONS} from s`;

const CLAIM_ANY = `with s as (
  insert into kl_streams (stream_id, stream_type, tenant, version, last_hash)
  values (?, ?, ?, ?, ''::bytea)
  on conflict (stream_id) do update set version = kl_streams.version + excluded.version, updated_at = now()
  returning version, last_hash)
select s.version, s.last_hash, ${POSITIONS} from s`;

const STREAM_VERSION = `select version from kl_streams where stream_id = ?`;

/** The expected version as a number (`'no_stream'` is 0) or `'any'`. */
export type NormalisedExpected = number | 'any';

export interface ClaimedHead {
  /** Version before this append. */
  previousVersion: number;
  /** Hash of the stream's last event; null for a new stream. */
  lastHash: Buffer | null;
  /** Ascending global positions, one per event. */
  positions: number[];
}

interface ClaimRow {
  version: string;
  last_hash: Buffer;
  positions: string[];
}

export function normaliseExpected(expected: ExpectedVersion): NormalisedExpected {
  if (expected === 'any') return 'any';
  if (expected === 'no_stream') return 0;
  if (Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new ValidationError('invalid expected version', [
    { field: 'expectedVersion', message: `expected a version >= 0, 'no_stream' or 'any', got ${String(expected)}` },
  ]);
}

/** Advances the stream's version by `count` if it is at `expected`; throws VERSION_CONFLICT otherwise. */
export async function claimVersions(
  tx: EntityManager,
  streamId: string,
  count: number,
  opts: AppendOptions,
  expected: NormalisedExpected,
): Promise<ClaimedHead> {
  const insertParams = [streamId, opts.streamType, opts.tenant, count, count];
  const rows: ClaimRow[] =
    expected === 'any'
      ? await tx.execute(CLAIM_ANY, insertParams)
      : expected === 0
        ? await tx.execute(CLAIM_NEW, insertParams)
        : await tx.execute(CLAIM_EXPECTED, [count, streamId, expected, count]);
  const row = rows[0];
  if (row === undefined) throw await versionConflict(tx, streamId, expected as number);
  return {
    previousVersion: Number(row.version) - count,
    lastHash: row.last_hash.length === 0 ? null : row.last_hash,
    positions: row.positions.map(Number).sort((a, b) => a - b),
  };
}

/** Current version of a stream, 0 when it does not exist. */
export async function currentVersion(em: EntityManager, streamId: string): Promise<number> {
  const rows: { version: string }[] = await em.execute(STREAM_VERSION, [streamId]);
  return rows[0] === undefined ? 0 : Number(rows[0].version);
}

export async function versionConflict(em: EntityManager, streamId: string, expected: number): Promise<KeyledgerError> {
  const actual = await currentVersion(em, streamId);
  return new KeyledgerError('VERSION_CONFLICT', `stream ${streamId} is at version ${actual}, expected ${expected}`, {
    expected,
    actual,
  });
}
