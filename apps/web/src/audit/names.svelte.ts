// Names for the ids in the trail. Principals come from GET /v1/principals
// (admins only; everyone else sees ids), credentials from the list route
// (every status), never from GET /v1/credentials/{id}: asking for an id the
// caller cannot see would add a refusal to the very trail being read.
import * as api from '../lib/api.js';

const PAGE = 200;

type Page = { names: [id: string, name: string][]; nextCursor: string | null };

/**
 * Names by id, read whole and read again when an id shows up that the last
 * read did not hold (one created since), at most once per such id.
 */
export class Names {
  #names = $state<Record<string, string>>({});
  #absent = $state<Record<string, true>>({});
  #loading: Promise<void> | null = null;

  constructor(private readonly readPage: (cursor: string | null) => Promise<Page>) {}

  /** Learns the names of these ids (null and ids that are never names are skipped). */
  async learn(ids: Iterable<string | null>): Promise<void> {
    const unknown = () => [...new Set(ids)].filter((id): id is string => id !== null && !(id in this.#names) && !(id in this.#absent));
    if (unknown().length === 0) return;
    // A read already running may hold them.
    await this.#loading;
    if (unknown().length === 0) return;
    await (this.#loading ??= this.#load().finally(() => (this.#loading = null)));
    const absent = unknown();
    if (absent.length > 0) this.#absent = { ...this.#absent, ...Object.fromEntries(absent.map((id) => [id, true] as const)) };
  }

  nameOf(id: string): string | null {
    return this.#names[id] ?? null;
  }

  /** Not among those read (an id that was never one, or one asked for in vain). */
  isAbsent(id: string): boolean {
    return this.#absent[id] === true;
  }

  /** The id `ref` names: an id as it is, else the exact name, else the one name equal ignoring case. */
  idOf(ref: string): string | null {
    if (ref in this.#names) return ref;
    const all = Object.entries(this.#names);
    const folded = all.filter(([, name]) => name.toLowerCase() === ref.toLowerCase());
    return (all.find(([, name]) => name === ref) ?? (folded.length === 1 ? folded[0] : undefined))?.[0] ?? null;
  }

  async #load(): Promise<void> {
    const names: Record<string, string> = {};
    let cursor: string | null = null;
    do {
      const page = await this.readPage(cursor);
      for (const [id, name] of page.names) names[id] = name;
      cursor = page.nextCursor;
    } while (cursor !== null);
    this.#names = names;
  }
}

export const principalNames = (): Names =>
  new Names(async (cursor) => {
    const page = await api.listPrincipals({ limit: PAGE, cursor });
    return { names: page.principals.map((p) => [p.id, p.name]), nextCursor: page.nextCursor };
  });

export const credentialNames = (): Names =>
  new Names(async (cursor) => {
    const page = await api.listCredentials({ limit: PAGE, cursor });
    return { names: page.credentials.map((c) => [c.id, c.name]), nextCursor: page.nextCursor };
  });
