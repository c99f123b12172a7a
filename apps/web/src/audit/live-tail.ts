// The audit page's live tail: a round every few seconds through the client's
// AuditFollower (the CLI's `audit tail` uses the same one), handing out each
// new entry once. A lost connection or a 5xx is waited out; any other
// failure (a refused filter, a revoked token) ends the tail.
import { AuditFollower, NetworkError, ServerError, type AuditEntry, type AuditPageReader } from '#client';

export const TAIL_INTERVAL_MS = 2000;

export interface TailHandlers {
  /** New entries, newest first. */
  entries(fresh: AuditEntry[]): void;
  /** Whether the last round reached the API. */
  reachable(reached: boolean): void;
  /** The tail has stopped on this error. */
  failed(error: unknown): void;
}

/** Follows the trail after the entries `shown` (newest first) until the returned function is called. */
export function startLiveTail(readPage: AuditPageReader, shown: readonly AuditEntry[], on: TailHandlers): () => void {
  const follower = new AuditFollower(readPage, shown);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const round = async () => {
    try {
      const fresh = await follower.next();
      // A round in flight when the tail stopped hands out nothing.
      if (stopped) return;
      if (fresh.length > 0) on.entries(fresh);
      on.reachable(true);
    } catch (error) {
      if (stopped) return;
      if (!(error instanceof NetworkError || error instanceof ServerError)) {
        stopped = true;
        on.failed(error);
        return;
      }
      on.reachable(false);
    }
    timer = setTimeout(() => void round(), TAIL_INTERVAL_MS);
  };
  void round();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
