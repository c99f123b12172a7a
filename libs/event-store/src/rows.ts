import type { RecordedEvent } from './types.js';

// One column list for every read of kl_events (and RETURNING of appends), so
// every function maps rows the same way. recorded_at travels as epoch
// milliseconds: MikroORM hands timestamptz back as a raw string.
export const EVENT_COLUMNS = `global_position, transaction_id, event_id, stream_id, stream_type, stream_version,
  tenant, type, data, metadata, extract(epoch from recorded_at) * 1000 as recorded_ms, hash, prev_hash`;

/** kl_events as pg returns it: bigint, numeric and xid8 arrive as strings. */
export interface EventRow {
  global_position: string;
  transaction_id: string;
  event_id: string;
  stream_id: string;
  stream_type: string;
  stream_version: string | null;
  tenant: string;
  type: string;
  data: unknown;
  metadata: unknown;
  recorded_ms: string;
  hash: Buffer;
  prev_hash: Buffer | null;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    globalPosition: Number(row.global_position),
    transactionId: String(row.transaction_id),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamType: row.stream_type,
    streamVersion: row.stream_version === null ? null : Number(row.stream_version),
    tenant: row.tenant,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: new Date(Number(row.recorded_ms)),
    hash: row.hash.toString('hex'),
    prevHash: row.prev_hash === null ? null : row.prev_hash.toString('hex'),
  };
}
