import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { collectDefaultMetrics, Gauge, type Registry } from 'prom-client';

/** Every Keyledger metric name starts with this. */
export const METRICS_PREFIX = 'keyledger_';

/** What an operator watches for a leak: the heap a full collection could not free. */
export const HEAP_AFTER_GC_METRIC = `${METRICS_PREFIX}nodejs_heap_used_after_major_gc_bytes`;

// The young generation is emptied by a full collection; whatever it holds when
// the observer runs was allocated after it, so it is left out of the figure.
const YOUNG_SPACE = 'new_space';

/** V8 heap in use outside the young generation, now. */
export function heapUsedOutsideYoungGeneration(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (space.space_name !== YOUNG_SPACE) used += space.space_used_size;
  return used;
}

// A gc entry carries its kind in `detail`, which the PerformanceEntry type does not declare.
function isMajorGc(entry: PerformanceEntry): boolean {
  const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
  return detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
}

/**
 * Node's default process metrics (RSS, heap spaces, event-loop lag, GC
 * durations, handles) and the heap in use right after the last full
 * (mark-sweep-compact) collection, on `registry`. RSS says what the process
 * costs; the heap after a full collection is what it keeps alive, the
 * figure that grows when something leaks. Returns the function that stops
 * watching the collections (at shutdown).
 */
export function registerProcessMetrics(registry: Registry): () => void {
  collectDefaultMetrics({ register: registry, prefix: METRICS_PREFIX });
  const afterGc = new Gauge({
    name: HEAP_AFTER_GC_METRIC,
    help: 'V8 heap in use right after the last full garbage collection (the young generation left out); 0 before the first one',
    registers: [registry],
  });
  afterGc.set(0);
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some(isMajorGc)) afterGc.set(heapUsedOutsideYoungGeneration());
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
