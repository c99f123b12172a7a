import type { EntityManager } from '@mikro-orm/postgresql';
import { checkpointOf, readAll, type Checkpoint, type RecordedEvent } from '#event-store';
import type { EventLineResponse } from './read-events.dto.js';

// Rows fetched per query while streaming: the response is written page by
// page, never held whole in memory.
const PAGE = 500;

function toEventLine(e: RecordedEvent): EventLineResponse {
  return {
    position: e.globalPosition,
    transactionId: e.transactionId,
    eventId: e.eventId,
    streamId: e.streamId,
    streamType: e.streamType,
    streamVersion: e.streamVersion,
    tenant: e.tenant,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt.toISOString(),
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

const ndjson = (events: RecordedEvent[]) => events.map((e) => `${JSON.stringify(toEventLine(e))}\n`).join('');

export interface FeedPage {
  text: string;
  /** Events in the page, and where the next page starts when this one may not be the last. */
  count: number;
  next: Checkpoint | null;
}

export async function readFeedPage(em: EntityManager, tenant: string, after: Checkpoint, want: number): Promise<FeedPage> {
  const size = Math.min(PAGE, want);
  const events = await readAll(em, after, size, { tenant });
  const next = events.length === size && want > size ? checkpointOf(events.at(-1)!) : null;
  return { text: ndjson(events), count: events.length, next };
}

/** The rest of the feed after `first`, page by page, up to `limit` events in all. */
export async function* feedAfter(em: EntityManager, tenant: string, first: FeedPage, limit: number): AsyncGenerator<string> {
  let page = first;
  let left = limit - first.count;
  if (page.text !== '') yield page.text;
  while (page.next !== null && left > 0) {
    page = await readFeedPage(em, tenant, page.next, left);
    left -= page.count;
    if (page.text !== '') yield page.text;
  }
}
