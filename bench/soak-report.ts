// The soak's figures: one sample per interval (load and each process's
// memory), the printed table, the verdict against the targets and
// bench/results/soak.json. Pure but for nothing: soak.ts does the I/O.
import { HEAP_AFTER_GC_METRIC } from '#runtime';
import { percentile } from './load.js';
import { alignColumns, fixed } from './report.js';
import type { SoakOperation } from './soak-mix.js';

export type ProcessName = 'api' | 'worker';
export const PROCESS_NAMES: readonly ProcessName[] = ['api', 'worker'];

export interface ProcessMemory {
  rssBytes: number;
  /** Heap in use after the last full GC; 0 before the first. */
  heapAfterGcBytes: number;
}

export interface IntervalLoad {
  /** 2xx answers per second over the interval. */
  requestsPerSecond: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Latency of 2xx answers, ms (nearest rank). */
  p50Ms: number;
  p99Ms: number;
}

export interface SoakSample {
  /** Seconds since the load started. */
  atSeconds: number;
  load: IntervalLoad;
  memory: Record<ProcessName, ProcessMemory>;
}

export interface SoakTargets {
  maxErrors: number;
  maxHeapGrowthPercent: number;
  maxRssBytes: number;
  baselineSeconds: number;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SoakReport {
  startedAt: string;
  finishedAt: string;
  environment: { node: string; platform: string; cpus: number };
  /** The flags and the NODE_OPTIONS and MALLOC_ARENA_MAX the API and the worker ran with. */
  settings: { durationSeconds: number; connections: number; intervalSeconds: number; nodeOptions: string; mallocArenaMax: string };
  samples: SoakSample[];
  /** Non-2xx answers by operation and status, over the whole run. */
  failures: Partial<Record<SoakOperation, Record<string, number>>>;
  rotation: { dataKeys: number; status: string; seconds: number | null };
  healthChecksAnswered: number;
  verdict: { pass: boolean; checks: Check[] };
}

/** The answers of one interval: latencies of 2xx, counts of the rest. */
export class IntervalTally {
  private latencies: number[] = [];
  private non2xx = 0;
  private errors = 0;

  response(statusCode: number, ms: number): void {
    if (statusCode >= 200 && statusCode < 300) this.latencies.push(ms);
    else this.non2xx += 1;
  }

  error(): void {
    this.errors += 1;
  }

  /** The interval's figures over `seconds`; starts the next interval empty. */
  take(seconds: number): IntervalLoad {
    const sorted = Float64Array.from(this.latencies).sort();
    const load = {
      requestsPerSecond: sorted.length / seconds,
      ok: sorted.length,
      non2xx: this.non2xx,
      errors: this.errors,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
    this.latencies = [];
    this.non2xx = 0;
    this.errors = 0;
    return load;
  }
}

const RSS_METRIC = 'keyledger_process_resident_memory_bytes';

/** RSS and heap after GC from a Prometheus text exposition; throws if either is missing. */
export function parseMemory(text: string): ProcessMemory {
  const value = (name: string): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    const number =
      line === undefined
        ? Number.NaN
        : Number(
            line
              .slice(name.length + 1)
              .trim()
              .split(' ')[0],
          );
    if (!Number.isFinite(number)) throw new Error(`metric ${name} is missing from the scrape`);
    return number;
  };
  return { rssBytes: value(RSS_METRIC), heapAfterGcBytes: value(HEAP_AFTER_GC_METRIC) };
}

/** The sample growth is measured from: the first at or after the baseline time, or a fifth into a shorter run. */
export function baselineSample(samples: readonly SoakSample[], durationSeconds: number, baselineSeconds: number): SoakSample | undefined {
  const from = Math.min(baselineSeconds, durationSeconds / 5);
  return samples.find((s) => s.atSeconds >= from);
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${fixed(bytes / MB, 1)} MB`;
const minute = (seconds: number) => `minute ${fixed(seconds / 60, 1).replace(/\.0$/, '')}`;

/** Percentage growth from `from` to `to`; NaN when there is nothing to grow from. */
export function growthPercent(from: number, to: number): number {
  return from > 0 ? ((to - from) / from) * 100 : Number.NaN;
}

/**
 * The targets, checked on the samples: no error over the whole run; each
 * process's heap after a full GC grows less than the allowed percentage from
 * the baseline sample to the last; each process's RSS at the last sample
 * stays under the cap. The master-key rotation must have completed.
 */
export function soakVerdict(
  samples: readonly SoakSample[],
  durationSeconds: number,
  targets: SoakTargets,
  rotationStatus: string,
): { pass: boolean; checks: Check[] } {
  const checks: Check[] = [];
  const failed = samples.reduce((n, s) => n + s.load.non2xx + s.load.errors, 0);
  checks.push({
    name: 'errors',
    ok: failed <= targets.maxErrors,
    detail: `${failed} non-2xx answers and request errors (target ${targets.maxErrors})`,
  });
  const base = baselineSample(samples, durationSeconds, targets.baselineSeconds);
  const last = samples.at(-1);
  for (const name of PROCESS_NAMES) {
    if (!base || !last || base === last) {
      checks.push({ name: `${name} heap after GC`, ok: false, detail: 'not enough samples to measure growth' });
    } else {
      const from = base.memory[name].heapAfterGcBytes;
      const to = last.memory[name].heapAfterGcBytes;
      const growth = growthPercent(from, to);
      const detail =
        from === 0
          ? `no full GC by ${minute(base.atSeconds)}`
          : `${mb(from)} at ${minute(base.atSeconds)} -> ${mb(to)} at ${minute(last.atSeconds)}: ` +
            `${growth >= 0 ? '+' : ''}${fixed(growth, 1)} % (target < ${targets.maxHeapGrowthPercent} %)`;
      checks.push({ name: `${name} heap after GC`, ok: growth < targets.maxHeapGrowthPercent, detail });
    }
    const rss = last?.memory[name].rssBytes ?? Number.NaN;
    checks.push({
      name: `${name} RSS`,
      ok: rss < targets.maxRssBytes,
      detail: `${mb(rss)} at ${last ? minute(last.atSeconds) : 'the end'} (target < ${mb(targets.maxRssBytes)})`,
    });
  }
  checks.push({ name: 'master-key rotation', ok: rotationStatus === 'completed', detail: rotationStatus });
  return { pass: checks.every((c) => c.ok), checks };
}

const HEADER = ['time', 'req/s', 'errors', 'p50 ms', 'p99 ms', 'api RSS MB', 'api heap MB', 'worker RSS MB', 'worker heap MB'];

/** One line per sample; "heap" is the heap in use after the last full GC. */
export function formatSamples(samples: readonly SoakSample[]): string {
  const row = ({ atSeconds, load, memory }: SoakSample): string[] => [
    `${Math.floor(atSeconds / 60)}:${String(Math.round(atSeconds % 60)).padStart(2, '0')}`,
    fixed(load.requestsPerSecond, 0),
    String(load.non2xx + load.errors),
    fixed(load.p50Ms, 1),
    fixed(load.p99Ms, 1),
    fixed(memory.api.rssBytes / MB, 0),
    fixed(memory.api.heapAfterGcBytes / MB, 1),
    fixed(memory.worker.rssBytes / MB, 0),
    fixed(memory.worker.heapAfterGcBytes / MB, 1),
  ];
  return alignColumns(HEADER, samples.map(row));
}

export function formatVerdict(verdict: SoakReport['verdict']): string {
  const lines = verdict.checks.map((c) => `  ${c.ok ? 'ok  ' : 'FAIL'}  ${c.name}: ${c.detail}`);
  return [`verdict: ${verdict.pass ? 'PASS' : 'FAIL'}`, ...lines].join('\n');
}
