import { HEAP_AFTER_GC_METRIC } from '#runtime';
import { roundRobin, SOAK_CYCLE, soakRequests } from './soak-mix.js';
import { parseSeconds, readSoakOptions } from './soak-options.js';
import {
  baselineSample,
  formatSamples,
  formatVerdict,
  growthPercent,
  IntervalTally,
  parseMemory,
  soakVerdict,
  type SoakSample,
} from './soak-report.js';

const MB = 1024 * 1024;
const TARGETS = { maxErrors: 0, maxHeapGrowthPercent: 5, maxRssBytes: 250 * MB, baselineSeconds: 120 };

function sample(atSeconds: number, apiHeapMb: number, workerHeapMb: number, rssMb = 200, failed = 0): SoakSample {
  return {
    atSeconds,
    load: { requestsPerSecond: 100, ok: 3000, non2xx: failed, errors: 0, p50Ms: 20, p99Ms: 90 },
    memory: {
      api: { rssBytes: rssMb * MB, heapAfterGcBytes: apiHeapMb * MB },
      worker: { rssBytes: rssMb * MB, heapAfterGcBytes: workerHeapMb * MB },
    },
  };
}

/** Ten minutes sampled every 30 s, heaps growing linearly from `from` to `to` MB. */
function run(from: number, to: number, rssMb = 200): SoakSample[] {
  return Array.from({ length: 20 }, (_, i) => sample((i + 1) * 30, from + ((to - from) * i) / 19, from + ((to - from) * i) / 19, rssMb));
}

describe('IntervalTally', () => {
  it('counts 2xx latencies and everything else apart, and starts each interval empty', () => {
    const tally = new IntervalTally();
    for (let ms = 1; ms <= 100; ms++) tally.response(200, ms);
    tally.response(409, 5);
    tally.response(500, 5);
    tally.error();
    expect(tally.take(10)).toEqual({ requestsPerSecond: 10, ok: 100, non2xx: 2, errors: 1, p50Ms: 50, p99Ms: 99 });
    const empty = tally.take(10);
    expect(empty).toMatchObject({ requestsPerSecond: 0, ok: 0, non2xx: 0, errors: 0 });
    expect(empty.p50Ms).toBeNaN();
  });
});

describe('parseMemory', () => {
  it('reads RSS and the heap after GC from a Prometheus scrape', () => {
    const text = [
      '# HELP keyledger_process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE keyledger_process_resident_memory_bytes gauge',
      'keyledger_process_resident_memory_bytes 212992000',
      'keyledger_process_resident_memory_bytes_total 1',
      `${HEAP_AFTER_GC_METRIC} 61865984`,
    ].join('\n');
    expect(parseMemory(text)).toEqual({ rssBytes: 212992000, heapAfterGcBytes: 61865984 });
  });

  it('refuses a scrape without the figures rather than reading them as 0', () => {
    expect(() => parseMemory('keyledger_process_resident_memory_bytes 1\n')).toThrow(HEAP_AFTER_GC_METRIC);
  });
});

describe('baselineSample', () => {
  it('is the first sample from minute 2, or a fifth into a shorter run', () => {
    const samples = run(60, 60);
    expect(baselineSample(samples, 600, 120)!.atSeconds).toBe(120);
    expect(baselineSample(samples.slice(0, 6), 180, 120)!.atSeconds).toBe(60);
  });
});

describe('soakVerdict', () => {
  it('passes a run without errors whose heaps stay flat and whose RSS stays under the cap', () => {
    const verdict = soakVerdict(run(60, 61), 600, TARGETS, 'completed');
    expect(verdict.pass).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual([
      'errors',
      'api heap after GC',
      'api RSS',
      'worker heap after GC',
      'worker RSS',
      'master-key rotation',
    ]);
  });

  it('measures heap growth from minute 2 to the last sample, not from the start', () => {
    const samples = run(60, 60);
    samples[0] = sample(30, 30, 30);
    const verdict = soakVerdict(samples, 600, TARGETS, 'completed');
    expect(verdict.checks.find((c) => c.name === 'api heap after GC')!.detail).toBe(
      '60.0 MB at minute 2 -> 60.0 MB at minute 10: +0.0 % (target < 5 %)',
    );
    expect(verdict.pass).toBe(true);
  });

  it('fails a heap that grows 5 % or more, a process over the RSS cap, any error and a rotation that did not complete', () => {
    const growing = soakVerdict(run(60, 70), 600, TARGETS, 'completed');
    expect(growing.pass).toBe(false);
    expect(growing.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['api heap after GC', 'worker heap after GC']);
    const heavy = soakVerdict(run(60, 60, 260), 600, TARGETS, 'completed');
    expect(heavy.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['api RSS', 'worker RSS']);
    const failing = run(60, 60);
    failing[7] = sample(240, 60, 60, 200, 1);
    expect(soakVerdict(failing, 600, TARGETS, 'completed').checks.find((c) => c.name === 'errors')!.ok).toBe(false);
    expect(soakVerdict(run(60, 60), 600, TARGETS, 'failed').pass).toBe(false);
  });

  it('fails when no full collection had happened by the baseline, or there are too few samples', () => {
    const samples = run(60, 60);
    samples[3] = sample(120, 0, 60);
    const verdict = soakVerdict(samples, 600, TARGETS, 'completed');
    expect(verdict.checks.find((c) => c.name === 'api heap after GC')).toMatchObject({ ok: false, detail: 'no full GC by minute 2' });
    expect(soakVerdict([sample(30, 60, 60)], 30, TARGETS, 'completed').pass).toBe(false);
  });
});

describe('growthPercent', () => {
  it('is relative to the starting figure, and NaN from nothing', () => {
    expect(growthPercent(50, 55)).toBeCloseTo(10);
    expect(growthPercent(50, 45)).toBeCloseTo(-10);
    expect(growthPercent(0, 10)).toBeNaN();
  });
});

describe('formatSamples and formatVerdict', () => {
  it('prints one aligned line per sample, memory in MB', () => {
    const lines = formatSamples([sample(30, 61.5, 40), sample(600, 62, 41)]).split('\n');
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[3]).toMatch(/^10:00\s+100\s+0\s+20\.0\s+90\.0\s+200\s+62\.0\s+200\s+41\.0$/);
  });

  it('names each check with ok or FAIL under the overall result', () => {
    const text = formatVerdict(soakVerdict(run(60, 60, 260), 600, TARGETS, 'completed'));
    expect(text.split('\n')[0]).toBe('verdict: FAIL');
    expect(text).toContain('  FAIL  api RSS: 260.0 MB at minute 10 (target < 250.0 MB)');
    expect(text).toContain('  ok    errors: 0 non-2xx answers and request errors (target 0)');
  });
});

describe('soak options', () => {
  it('reads durations in seconds or minutes and defaults to 10 minutes at 32 connections, sampled every 30 s', () => {
    expect(parseSeconds('600', 'duration')).toBe(600);
    expect(parseSeconds('90s', 'duration')).toBe(90);
    expect(parseSeconds('10m', 'duration')).toBe(600);
    expect(readSoakOptions([])).toEqual({ durationSeconds: 600, connections: 32, intervalSeconds: 30 });
    expect(readSoakOptions(['--duration', '3m', '--connections', '16', '--interval', '10s'])).toEqual({
      durationSeconds: 180,
      connections: 16,
      intervalSeconds: 10,
    });
  });

  it('refuses what it cannot read, with the usage', () => {
    expect(() => readSoakOptions(['--duration', '1h'])).toThrow(/--duration must be[\s\S]*usage: npm run soak/);
    expect(() => readSoakOptions(['--connections', '0'])).toThrow('--connections');
    expect(() => readSoakOptions(['--duration', '60', '--interval', '2m'])).toThrow('--interval');
    expect(() => readSoakOptions(['--rate', '5'])).toThrow();
  });
});

describe('the mixed load', () => {
  it('cycles ids so that consecutive picks differ', () => {
    const next = roundRobin(['a', 'b', 'c']);
    expect([next(), next(), next(), next()]).toEqual(['a', 'b', 'c', 'a']);
    expect(() => roundRobin([])).toThrow();
  });

  it('sends each operation of the cycle with the token (health probes without), reporting non-2xx answers by operation', () => {
    const failures: [string, number][] = [];
    const requests = soakRequests({ token: 't0k', revealed: ['r1'], rotated: ['o1', 'o2'], tested: ['t1'] }, (op, status) =>
      failures.push([op, status]),
    );
    expect(requests).toHaveLength(SOAK_CYCLE.length);
    const setUp = requests.map((r) => (typeof r.setupRequest === 'function' ? r.setupRequest({ ...r }, {}) : r));
    expect(setUp.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/credentials/r1/reveal',
      'GET /v1/credentials?limit=50',
      'POST /v1/credentials/r1/reveal',
      'POST /v1/credentials',
      'POST /v1/credentials/r1/reveal',
      'POST /v1/credentials/o1/rotate',
      'GET /v1/audit?limit=50',
      'POST /v1/credentials/r1/reveal',
      'POST /v1/credentials/t1/test',
      'GET /health/live',
    ]);
    expect(setUp.filter((r) => r.headers?.authorization === 'Bearer t0k')).toHaveLength(SOAK_CYCLE.length - 1);
    expect(JSON.parse(setUp[3]!.body as string)).toMatchObject({ name: 'soak-1', type: 'openai' });
    const onResponse = requests[5]!.onResponse as (status: number, body: string) => void;
    onResponse(200, '{}');
    onResponse(409, '{"code":"VERSION_CONFLICT"}');
    expect(failures).toEqual([['rotate', 409]]);
  });
});
