// The audit trail as GET /v1/audit answers it, and following it as it grows
// (the CLI's `audit tail`, the console's live tail). Entries are only ever
// added at the newest end of the trail (the projection follows the log in
// order, and the page order is that order reversed), so each round reads the
// newest pages down to the first entry already handed out.

/** One entry of the trail: who did what to which credential, and how it ended. Never a secret. */
export interface AuditEntry {
  /** Global position of the event the entry comes from. */
  position: number;
  eventId: string;
  eventType: string;
  tenant: string;
  at: string;
  actor: string;
  action: string;
  outcome: 'success' | 'denied' | 'failed';
  credentialId: string | null;
  details: Record<string, unknown>;
}

export interface AuditPage {
  /** Newest first. */
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** The filters GET /v1/audit takes, by their query names. */
export const AUDIT_FILTERS = ['credentialId', 'actor', 'action', 'outcome', 'from', 'to'] as const;
export type AuditFilter = Partial<Record<(typeof AUDIT_FILTERS)[number], string>>;

/** Reads one page of the filtered trail from `cursor` (null: the newest page). */
export type AuditPageReader = (cursor: string | null) => Promise<AuditPage>;

/** How many entries a follower remembers: enough to recognise the newest ones again. */
const REMEMBERED = 200;
/** A round reads at most this many pages: a burst larger than that shows from its newest end. */
const MAX_PAGES_PER_ROUND = 20;

// The API hands out no entry id of its own (an event may stand for several entries): the whole entry is its identity.
const keyOf = (entry: AuditEntry): string => JSON.stringify(entry);

/**
 * Hands out each entry of the filtered trail once, newest first per round.
 * Without `alreadySeen` the first round is the newest page; with it (the
 * entries a view already shows, newest first), only entries newer than those.
 */
export class AuditFollower {
  private seen: Set<string> | null;

  constructor(
    private readonly readPage: AuditPageReader,
    alreadySeen?: readonly AuditEntry[],
  ) {
    this.seen = alreadySeen ? new Set(alreadySeen.slice(0, REMEMBERED).map(keyOf)) : null;
  }

  /** The entries that appeared since the last round, newest first ([] when none). */
  async next(): Promise<AuditEntry[]> {
    const seen = this.seen;
    const fresh: AuditEntry[] = [];
    let cursor: string | null = null;
    read: for (let page = 0; page < MAX_PAGES_PER_ROUND; page++) {
      const body = await this.readPage(cursor);
      for (const entry of body.entries) {
        if (seen?.has(keyOf(entry))) break read;
        fresh.push(entry);
      }
      cursor = body.nextCursor;
      if (seen === null || cursor === null) break;
    }
    this.seen = new Set([...fresh.map(keyOf), ...(seen ?? [])].slice(0, REMEMBERED));
    return fresh;
  }
}
