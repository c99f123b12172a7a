import type { EntityManager } from '@mikro-orm/postgresql';
import { isoOrNull } from '#database';
import type { KeyRotationMode } from '#domain';
import type { RotationProgress, RotationStatus } from './progress.js';

const COLUMNS = `rotation_id, mode, target_kek_id, status, total, done, failed, batches, reason, requested_by, started_at, finished_at`;
const SELECT_ONE = `select ${COLUMNS} from kl_key_rotations where rotation_id = ?`;
// Newest first; an open rotation is always the newest one (another cannot start while it is open).
const SELECT_RECENT = `select ${COLUMNS} from kl_key_rotations order by started_at desc, rotation_id desc limit ?`;
const SELECT_OPEN = `select ${COLUMNS} from kl_key_rotations where status in ('pending', 'running') limit 1`;
const UPSERT = `insert into kl_key_rotations (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (rotation_id) do update set status = excluded.status, total = excluded.total, done = excluded.done,
    failed = excluded.failed, batches = excluded.batches, reason = excluded.reason, finished_at = excluded.finished_at,
    updated_at = now()`;
const MARK_RUNNING = `update kl_key_rotations set status = 'running', total = ?, updated_at = now()
  where rotation_id = ? and status = 'pending'`;
const ADD_TO_TOTAL = `update kl_key_rotations set total = total + ?, updated_at = now() where rotation_id = ?`;

interface ProgressRow {
  rotation_id: string;
  mode: KeyRotationMode;
  target_kek_id: string;
  status: RotationStatus;
  total: number;
  done: number;
  failed: number;
  batches: number;
  reason: string | null;
  requested_by: string;
  started_at: string;
  finished_at: string | null;
}

// MikroORM 7 returns timestamptz as Postgres text; normalise to ISO-8601.

function fromRow(row: ProgressRow): RotationProgress {
  return {
    rotationId: row.rotation_id,
    mode: row.mode,
    targetKekId: row.target_kek_id,
    status: row.status,
    total: row.total,
    done: row.done,
    failed: row.failed,
    batches: row.batches,
    reason: row.reason,
    requestedBy: row.requested_by,
    startedAt: isoOrNull(row.started_at)!,
    finishedAt: isoOrNull(row.finished_at),
  };
}

export async function findProgress(em: EntityManager, rotationId: string): Promise<RotationProgress | null> {
  const rows = await em.execute<ProgressRow[]>(SELECT_ONE, [rotationId]);
  return rows[0] === undefined ? null : fromRow(rows[0]);
}

/** The `limit` most recently requested rotations, newest first. */
export async function listRecentProgress(em: EntityManager, limit: number): Promise<RotationProgress[]> {
  return (await em.execute<ProgressRow[]>(SELECT_RECENT, [limit])).map(fromRow);
}

/** The rotation that is pending or running, if any (there is at most one). */
export async function findOpenProgress(em: EntityManager): Promise<RotationProgress | null> {
  const rows = await em.execute<ProgressRow[]>(SELECT_OPEN);
  return rows[0] === undefined ? null : fromRow(rows[0]);
}

export async function writeProgress(tx: EntityManager, p: RotationProgress): Promise<void> {
  await tx.execute(
    UPSERT,
    [
      p.rotationId,
      p.mode,
      p.targetKekId,
      p.status,
      p.total,
      p.done,
      p.failed,
      p.batches,
      p.reason,
      p.requestedBy,
      p.startedAt,
      p.finishedAt,
    ],
    'run',
  );
}

export async function markRunning(tx: EntityManager, rotationId: string, total: number): Promise<void> {
  await tx.execute(MARK_RUNNING, [total, rotationId], 'run');
}

export async function addToTotal(tx: EntityManager, rotationId: string, added: number): Promise<void> {
  await tx.execute(ADD_TO_TOTAL, [added, rotationId], 'run');
}
