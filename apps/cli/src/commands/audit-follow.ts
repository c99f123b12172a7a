// `audit tail`: the newest entries, then each new one as it appears; which
// entries are new is decided by the client's AuditFollower, shared with the
// console's live tail.
import { setTimeout as sleep } from 'node:timers/promises';
import { AuditFollower, NetworkError, ServerError, type AuditEntry, type AuditPage, type HttpTransport } from '#client';
import { say } from '../output.js';

const PAGE = 200;

export async function followAudit(
  api: HttpTransport,
  query: Record<string, string | undefined>,
  options: { lines: number; intervalMs: number },
  print: (entry: AuditEntry) => void | Promise<void>,
): Promise<never> {
  const follower = new AuditFollower(
    async (cursor) => (await api.request<AuditPage>('GET', '/v1/audit', { query: { ...query, limit: PAGE, cursor } })).body,
  );
  let first = true;
  let offline = false;
  for (;;) {
    try {
      const fresh = await follower.next();
      const shown = first ? fresh.slice(0, options.lines) : fresh;
      first = false;
      for (const entry of [...shown].reverse()) await print(entry);
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
