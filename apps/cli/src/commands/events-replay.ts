// Paging through GET /v1/events (NDJSON): each page continues after the
// position of the previous page's last line, which the API resolves to its
// exact place in log order.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { AuditPage, HttpTransport } from '#client';
import { progressView, type ProgressView } from '../progress/view.js';

export interface ReplayOptions {
  from: number;
  to: number | null;
  out: string | null;
  pageSize: number;
}

export async function replayEvents(api: HttpTransport, o: ReplayOptions): Promise<{ count: number; last: number | null }> {
  const sink: Writable = o.out ? createWriteStream(o.out, { mode: 0o600 }) : process.stdout;
  const total = await estimateTotal(api, o);
  // A bar only where it does not mix with the events: stderr a terminal, the events elsewhere.
  const view: ProgressView | null =
    process.stderr.isTTY && (o.out !== null || !process.stdout.isTTY) ? progressView('replay', 'events') : null;
  let after = o.from;
  let count = 0;
  let last: number | null = null;
  try {
    for (let done = false; !done;) {
      const page = (await api.text('GET', '/v1/events', { query: { after, limit: o.pageSize } })).body;
      const lines = page.split('\n').filter((line) => line !== '');
      done = lines.length < o.pageSize;
      for (const line of lines) {
        const position = (JSON.parse(line) as { position: number }).position;
        if (o.to !== null && position > o.to) {
          done = true;
          break;
        }
        if (!sink.write(`${line}\n`)) await once(sink, 'drain');
        count++;
        last = position;
      }
      if (last !== null) after = last;
      view?.update({ done: count, total: total === null ? null : Math.max(total, count) });
    }
  } finally {
    view?.stop();
    if (o.out) await new Promise((resolve) => sink.end(resolve));
  }
  return { count, last };
}

/**
 * How many events to expect, for the bar: up to --to, else up to the newest
 * audited position (every event is audited). Positions are global across
 * tenants, so this is an upper bound; unknown if the audit trail is out of reach.
 */
async function estimateTotal(api: HttpTransport, o: ReplayOptions): Promise<number | null> {
  try {
    const newest = (await api.request<AuditPage>('GET', '/v1/audit', { query: { limit: 1 } })).body.entries[0]?.position ?? o.from;
    const end = o.to === null ? newest : Math.min(o.to, newest);
    return Math.max(0, end - o.from);
  } catch {
    return o.to === null ? null : Math.max(0, o.to - o.from);
  }
}
