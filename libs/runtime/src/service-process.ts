// How a Keyledger service process (the API, a worker) is started: the V8
// sizing and allocator setting that keep its memory flat under load. One
// source for `npm start`, the soak (bench/) and, by a test that compares
// them, the Docker image's ENV.

/**
 * V8 flags of a service process. Node sizes V8 from the machine's memory:
 * on a host with gigabytes free it lets each semi-space of the young
 * generation grow to 32 MiB or more and the old generation to several GiB,
 * and grows the heap up to four times the live data between full
 * collections. A service keeps well under 100 MB alive, so that is RSS it
 * pays for garbage:
 * - `--max-semi-space-size=8`: a young generation of at most 24 MiB (three
 *   semi-spaces); scavenges stay short and frequent;
 * - `--max-old-space-size=512`: at this size V8 treats the heap as
 *   memory-constrained and grows it at most twice the live data between
 *   full collections, with five times the live heap of either process as
 *   headroom before it would run out.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=512'] as const;

/**
 * glibc's malloc gives each thread that allocates (libuv's pool, V8's
 * platform threads) an arena of its own, up to eight per core, and returns
 * little of them: two arenas keep native memory (TLS, pg and Redis buffers,
 * crypto) from spreading.
 */
export const SERVICE_MALLOC_ARENA_MAX = '2';

/**
 * The environment of a service process: `env` with the service flags in
 * NODE_OPTIONS ahead of any it already has (so an operator's own
 * --max-old-space-size wins) and MALLOC_ARENA_MAX unless it is set.
 */
export function serviceEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const defined = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const own = defined.NODE_OPTIONS?.trim();
  return {
    ...defined,
    NODE_OPTIONS: own ? `${SERVICE_NODE_FLAGS.join(' ')} ${own}` : SERVICE_NODE_FLAGS.join(' '),
    MALLOC_ARENA_MAX: defined.MALLOC_ARENA_MAX ?? SERVICE_MALLOC_ARENA_MAX,
  };
}
