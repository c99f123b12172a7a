// A list the API answers a page at a time: the cursors of the pages seen so
// far are the way back, the page's `nextCursor` the way on. Only the newest
// read may change the page, so a slow answer to an older request (a filter
// typed over) never replaces a newer one.

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
  /** How many match in all, when the route says. */
  total?: number;
}

export type PageReader<T> = (cursor: string | null) => Promise<CursorPage<T>>;

export class CursorPages<T> {
  items = $state<T[]>([]);
  total = $state(0);
  loading = $state(true);
  error = $state('');
  #cursors = $state<(string | null)[]>([null]);
  #nextCursor = $state<string | null>(null);
  #request = 0;
  readonly #read: PageReader<T>;
  readonly #describe: (failure: unknown) => string;

  constructor(read: PageReader<T>, describe: (failure: unknown) => string) {
    this.#read = read;
    this.#describe = describe;
  }

  /** The page shown, counted from 1. */
  get number(): number {
    return this.#cursors.length;
  }

  get hasPrevious(): boolean {
    return this.#cursors.length > 1;
  }

  get hasNext(): boolean {
    return this.#nextCursor !== null;
  }

  /** Reads the first page (again, after a filter changed or a write). */
  first(): Promise<void> {
    this.#cursors = [null];
    return this.#load(null);
  }

  next(): Promise<void> {
    const cursor = this.#nextCursor;
    if (cursor === null) return Promise.resolve();
    this.#cursors = [...this.#cursors, cursor];
    return this.#load(cursor);
  }

  /** Reads the page shown again. */
  reload(): Promise<void> {
    return this.#load(this.#cursors.at(-1) ?? null);
  }

  previous(): Promise<void> {
    if (this.#cursors.length < 2) return Promise.resolve();
    this.#cursors = this.#cursors.slice(0, -1);
    return this.#load(this.#cursors.at(-1) ?? null);
  }

  async #load(cursor: string | null): Promise<void> {
    const mine = ++this.#request;
    this.loading = true;
    this.error = '';
    try {
      const page = await this.#read(cursor);
      if (mine !== this.#request) return;
      this.items = page.items;
      this.total = page.total ?? page.items.length;
      this.#nextCursor = page.nextCursor;
    } catch (failure) {
      if (mine === this.#request) this.error = this.#describe(failure);
    } finally {
      if (mine === this.#request) this.loading = false;
    }
  }
}
