import { TtlCache } from './cache.js';

// The cache over a fake clock: fresh, stale-while-revalidate, expired.
function setup(staleWhileRevalidateMs = 0) {
  let now = 1_000;
  let version = 0;
  const loads: number[] = [];
  const cache = new TtlCache<string>({ ttlMs: 100, staleWhileRevalidateMs, now: () => now });
  const load = async () => {
    loads.push(++version);
    return `v${version}`;
  };
  return { cache, load, loads, advance: (ms: number) => (now += ms) };
}

it('serves a fresh value without loading again', async () => {
  const { cache, load, loads, advance } = setup();
  expect(await cache.get('k', load)).toBe('v1');
  advance(99);
  expect(await cache.get('k', load)).toBe('v1');
  expect(loads).toEqual([1]);
});

it('loads again once the TTL has passed, without a stale window', async () => {
  const { cache, load, advance } = setup();
  await cache.get('k', load);
  advance(100);
  expect(await cache.get('k', load)).toBe('v2');
});

it('serves the stale value within the window and refreshes it in the background', async () => {
  const { cache, load, loads, advance } = setup(1000);
  await cache.get('k', load);
  advance(150);
  expect(await cache.get('k', load)).toBe('v1');
  await Promise.resolve();
  expect(loads).toEqual([1, 2]);
  expect(await cache.get('k', load)).toBe('v2');
});

it('keeps the stale value when a background refresh fails, and reports it', async () => {
  const failures: string[] = [];
  let now = 0;
  const cache = new TtlCache<string>({
    ttlMs: 10,
    staleWhileRevalidateMs: 100,
    now: () => now,
    onRefreshError: (key) => failures.push(key),
  });
  await cache.get('k', async () => 'v1');
  now = 20;
  expect(await cache.get('k', () => Promise.reject(new Error('down')))).toBe('v1');
  await new Promise((r) => setImmediate(r));
  expect(failures).toEqual(['k']);
  expect(await cache.get('k', () => Promise.reject(new Error('down')))).toBe('v1');
  now = 200;
  await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
});

it('shares one request among concurrent misses and never caches a failure', async () => {
  const { cache, load, loads } = setup();
  const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
  expect([a, b, loads]).toEqual(['v1', 'v1', [1]]);
  await expect(cache.get('x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await cache.get('x', async () => 'ok')).toBe('ok');
});

it('forgets a key on delete, even when its request was already under way', async () => {
  const { cache, advance } = setup();
  let release!: (value: string) => void;
  const pending = cache.get('k', () => new Promise<string>((r) => (release = r)));
  cache.delete('k');
  release('old');
  expect(await pending).toBe('old');
  advance(1);
  expect(await cache.get('k', async () => 'new')).toBe('new');
});

it('keeps at most maxEntries, dropping the oldest', async () => {
  const cache = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2 });
  for (const key of ['a', 'b', 'c']) await cache.get(key, async () => 1);
  expect(cache.size).toBe(2);
  let loaded = false;
  await cache.get('a', async () => ((loaded = true), 2));
  expect(loaded).toBe(true);
});

it('refuses a TTL that is not positive (the cache is off unless asked for)', () => {
  expect(() => new TtlCache({ ttlMs: 0 })).toThrow(RangeError);
});
