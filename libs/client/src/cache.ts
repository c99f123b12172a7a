// An in-memory cache with a time-to-live and stale-while-revalidate. It holds
// values in this process's memory only: nothing is ever written to disk.

export interface CacheOptions {
  /** How long a value is served without asking the API again. */
  ttlMs: number;
  /**
   * After the TTL, how long the old value is still served while one
   * background request fetches the new one (a failed refresh keeps the old
   * value until this window ends). Default 0: expired means fetch now.
   */
  staleWhileRevalidateMs?: number;
  /** Entries kept at most; the least recently fetched goes first. Default 1000. */
  maxEntries?: number;
  /** Told about a background refresh that failed (the stale value stays). */
  onRefreshError?: (key: string, error: unknown) => void;
  /** Clock, for tests. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  fetchedAt: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V>>();
  private readonly now: () => number;
  private readonly staleMs: number;
  private readonly maxEntries: number;
  /** Bumped by delete/clear: a request that started before does not store its answer. */
  private generation = 0;

  constructor(private readonly options: CacheOptions) {
    if (!(options.ttlMs > 0)) throw new RangeError('cache: ttlMs must be > 0');
    this.now = options.now ?? Date.now;
    this.staleMs = options.staleWhileRevalidateMs ?? 0;
    this.maxEntries = options.maxEntries ?? 1000;
  }

  /** The cached value if fresh (or stale within the window, refreshing it), else `load()`'s. */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.fetchedAt : Infinity;
    if (entry && age < this.options.ttlMs) return entry.value;
    if (entry && age < this.options.ttlMs + this.staleMs) {
      this.load(key, load).catch((error: unknown) => this.options.onRefreshError?.(key, error));
      return entry.value;
    }
    return this.load(key, load);
  }

  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
    this.loading.delete(key);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  /** One request per key at a time: concurrent misses share it. Failures are not cached. */
  private load(key: string, load: () => Promise<V>): Promise<V> {
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const generation = this.generation;
    const promise = load()
      .then((value) => {
        if (generation === this.generation) this.set(key, value);
        return value;
      })
      .finally(() => {
        if (this.loading.get(key) === promise) this.loading.delete(key);
      });
    this.loading.set(key, promise);
    return promise;
  }

  private set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, fetchedAt: this.now() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
