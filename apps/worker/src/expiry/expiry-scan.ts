import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Queue } from 'bullmq';
import type { ExpiryThreshold } from '#config';
import { REMIND_JOB, reminderJobId } from '#runtime';

/** One reminder to record: ids and the expiry date, never anything secret. */
export interface ReminderJobData {
  credentialId: string;
  threshold: string;
  thresholdSeconds: number;
  expiresAt: string;
}

// The scanner's one query, on the partial index kl_credentials_expiry_due_idx
// (active, not yet expired, by expires_at): for each credential within the
// farthest threshold, the most urgent threshold reached at `now`, if it is
// more urgent than the last one recorded. Paged by (expires_at, id).
export const FIND_DUE = `select c.id, c.expires_at, due.seconds
  from kl_credentials c
  cross join lateral (
    select min(s) as seconds from unnest(?::int[]) s
    where c.expires_at - make_interval(secs => s) <= ?::timestamptz) due
  where c.status = 'active' and not c.expired and c.expires_at is not null
    and c.expires_at <= ?::timestamptz + make_interval(secs => ?)
    and (c.expires_at, c.id) > (?::timestamptz, ?::uuid)
    and due.seconds is not null
    and (c.expiry_reminded_seconds is null or due.seconds < c.expiry_reminded_seconds)
  order by c.expires_at, c.id
  limit ?`;

const PAGE = 500;

interface DueRow {
  id: string;
  expires_at: string;
  seconds: number;
}

/** Every reminder due at `now`: one per credential, its most urgent threshold reached. */
export async function findDueReminders(em: EntityManager, thresholds: readonly ExpiryThreshold[], now: Date): Promise<ReminderJobData[]> {
  const seconds = `{${thresholds.map((t) => t.seconds).join(',')}}`;
  const farthest = Math.max(...thresholds.map((t) => t.seconds));
  const due: ReminderJobData[] = [];
  let after = { expiresAt: '-infinity', id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const rows = await em.execute<DueRow[]>(FIND_DUE, [
      seconds,
      now.toISOString(),
      now.toISOString(),
      farthest,
      after.expiresAt,
      after.id,
      PAGE,
    ]);
    for (const row of rows) {
      const threshold = thresholds.find((t) => t.seconds === row.seconds)!;
      due.push({
        credentialId: row.id,
        threshold: threshold.label,
        thresholdSeconds: threshold.seconds,
        expiresAt: new Date(row.expires_at).toISOString(),
      });
    }
    if (rows.length < PAGE) return due;
    after = { expiresAt: rows.at(-1)!.expires_at, id: rows.at(-1)!.id };
  }
}

/** The scan: finds what is due and fans out one reminder job per credential. Returns the jobs it asked for. */
export async function enqueueDueReminders(
  orm: MikroORM,
  queue: Queue,
  thresholds: readonly ExpiryThreshold[],
  now: Date,
): Promise<ReminderJobData[]> {
  const due = await findDueReminders(orm.em.fork(), thresholds, now);
  if (due.length > 0) await queue.addBulk(due.map((data) => ({ name: REMIND_JOB, data, opts: { jobId: reminderJobId(data) } })));
  return due;
}
