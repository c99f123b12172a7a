import type { EntityManager } from '@mikro-orm/postgresql';
import { singleRow } from '#database';
import { hashDocumentAround } from './hash.js';
import { prepareEvent } from './new-event.js';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './rows.js';
import type { NewEvent, RecordedEvent } from './types.js';

// One INSERT, no stream row, no version check: reads of one popular
// credential never contend. The position is drawn inside the statement, so
// the hash is computed there too: sha256(head || position || tail), which is
// exactly eventHash(null, ...) (see hash.ts).
const INSERT_UNVERSIONED = `with p as (select nextval('kl_events_position_seq') as position)
insert into kl_events (global_position, event_id, stream_id, stream_type, stream_version, tenant, type,
  data, metadata, prev_hash, hash)
select p.position, ?, ?, ?, null, ?, ?, ?::jsonb, ?::jsonb, null,
  sha256(convert_to(? || p.position::text || ?, 'UTF8'))
from p
returning ${EVENT_COLUMNS}`;

export interface UnversionedOptions {
  streamType: string;
  tenant: string;
}

/** Records an access (a reveal) without a version check; works with or without an enclosing transaction. */
export async function appendUnversioned(
  em: EntityManager,
  streamId: string,
  event: NewEvent,
  opts: UnversionedOptions,
): Promise<RecordedEvent> {
  const e = prepareEvent(event);
  const { head, tail } = hashDocumentAround(null, { ...e, streamId, tenant: opts.tenant, streamVersion: null });
  const rows: EventRow[] = await em.execute(INSERT_UNVERSIONED, [
    e.eventId,
    streamId,
    opts.streamType,
    opts.tenant,
    e.type,
    e.dataJson,
    e.metadataJson,
    head,
    tail,
  ]);
  return toRecordedEvent(singleRow(rows));
}
