import { randomUUID } from 'node:crypto';
import { UUID, ValidationError } from '#domain';
import type { NewEvent } from './types.js';

// JSON.stringify writes U+0000 as the escape \u0000; an escaped backslash
// before "u0000" is an even run of backslashes, which this does not match.
const NUL_ESCAPE = /(?<!\\)(?:\\\\)*\\u0000/;

/** An event ready to hash and insert: ids in the form Postgres returns them, JSON members defaulted. */
export interface PreparedEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  /** JSON text of data and metadata, as inserted. */
  dataJson: string;
  metadataJson: string;
}

function storableJson(field: 'data' | 'metadata', value: Record<string, unknown>): string {
  const json = JSON.stringify(value);
  if (NUL_ESCAPE.test(json)) {
    throw new ValidationError('invalid event', [{ field, message: 'contains a NUL character (U+0000), which jsonb cannot store' }]);
  }
  return json;
}

// Postgres prints a uuid in lower case whatever form went in; the hash is
// computed over that printed form, so an event id is validated and
// lower-cased before it is hashed.
export function prepareEvent(event: NewEvent): PreparedEvent {
  const eventId = event.eventId ?? randomUUID();
  if (!UUID.test(eventId)) {
    throw new ValidationError('invalid event', [{ field: 'eventId', message: `"${eventId}" is not a UUID` }]);
  }
  const metadata = event.metadata ?? {};
  return {
    eventId: eventId.toLowerCase(),
    type: event.type,
    data: event.data,
    metadata,
    dataJson: storableJson('data', event.data),
    metadataJson: storableJson('metadata', metadata),
  };
}
