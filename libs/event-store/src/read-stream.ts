import type { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows.js';
import type { RecordedEvent } from './types.js';

// The head version and the events come from one statement (one snapshot), so
// the version always matches the events read. No stream row: no rows at all.
const READ_STREAM = `select s.version as head_version, e.*
from kl_streams s
left join lateral (
  select ${EVENT_COLUMNS} from kl_events
  where stream_id = s.stream_id and stream_version >= ?
  order by stream_version) e on true
where s.stream_id = ?
order by e.stream_version`;

export interface StreamRead {
  /** The stream's current version; 0 when it does not exist. */
  version: number;
  events: RecordedEvent[];
}

/** The versioned events of a stream from `fromVersion` (default 1) on, in version order. */
export async function readStream(em: EntityManager, streamId: string, opts: { fromVersion?: number } = {}): Promise<StreamRead> {
  const rows: (EventRow & { head_version: string })[] = await em.execute(READ_STREAM, [opts.fromVersion ?? 1, streamId]);
  const [head] = rows;
  if (head === undefined) return { version: 0, events: [] };
  const events = rows.filter((row) => row.global_position !== null).map(toRecordedEvent);
  return { version: Number(head.head_version), events };
}
