// `audit tail`: entries are only ever added at the newest end of the trail
// (the projection follows the log in order), so each round reads the newest
// page(s) down to the first entry already printed.
import { setTimeout as sleep } from 'node:timers/promises';
import { NetworkError, ServerError, type HttpTransport } from '#client';
import { say } from '../output.js';
import type { AuditEntry, AuditPage } from './audit-entry.js';

const PAGE = 200;
const MAX_PAGES_PER_ROUND = 20;

const keyOf = (entry: AuditEntry) => JSON.stringify(entry);

export async function followAudit(
  api: HttpTransport,
  query: Record<string, string | undefined>,
  options: { lines: number; intervalMs: number },
  print: (entry: AuditEntry) => void | Promise<void>,
): Promise<never> {
  let seen: Set<string> | null = null;
  let offline = false;
  for (;;) {
    try {
      const fresh = await newEntries(api, query, seen);
      const shown = seen === null ? fresh.slice(0, options.lines) : fresh;
      for (const entry of [...shown].reverse()) await print(entry);
      seen = new Set([...fresh.map(keyOf), ...(seen ?? [])].slice(0, PAGE));
      if (offline) say('audit tail: connected again');
      offline = false;
    } catch (error) {
      if (!(error instanceof NetworkError || error instanceof ServerError)) throw error;
      if (!offline) say(`audit tail: ${error.message}; retrying`);
      offline = true;
    }
    await sleep(options.intervalMs);
  }
}

/** Entries newer than any in `seen`, newest first (all of the first page when nothing was seen yet). */
async function newEntries(api: HttpTransport, query: Record<string, string | undefined>, seen: Set<string> | null): Promise<AuditEntry[]> {
  const fresh: AuditEntry[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES_PER_ROUND; page++) {
    const body: AuditPage = (await api.request<AuditPage>('GET', '/v1/audit', { query: { ...query, limit: PAGE, cursor } })).body;
    for (const entry of body.entries) {
      if (seen?.has(keyOf(entry))) return fresh;
      fresh.push(entry);
    }
    cursor = body.nextCursor;
    if (seen === null || cursor === null) return fresh;
  }
  return fresh;
}
