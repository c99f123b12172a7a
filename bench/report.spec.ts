import { percentile, type LoadResult } from './load.js';
import { commandThroughput, formatTable, ratioOf, withRatios, type RunRecord } from './report.js';
import { createBodies, openAiSecret } from './scenarios.js';

const result = (connections: number, requestsPerSecond: number, p50Ms: number, p99Ms: number): LoadResult => ({
  connections,
  durationSeconds: 8,
  requestsPerSecond,
  p50Ms,
  p99Ms,
  ok: Math.round(requestsPerSecond * 8),
  non2xx: 0,
  errors: 0,
  statusCodes: { '200': Math.round(requestsPerSecond * 8) },
});

const runs: RunRecord[] = [
  { system: 'baseline', operation: 'reveal', result: result(1, 2000, 0.5, 1) },
  { system: 'keyledger', operation: 'reveal', result: result(1, 500, 2, 5) },
  { system: 'baseline', operation: 'reveal', result: result(32, 8000, 4, 10) },
  { system: 'keyledger', operation: 'reveal', result: result(32, 2000, 16, 40) },
  { system: 'keyledger', operation: 'create', result: result(32, 300, 100, 200) },
];

describe('percentile', () => {
  it('takes the nearest rank of an ascending sample', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
  });

  it('is NaN for an empty sample, so a run with no 2xx cannot pass for a fast one', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('ratioOf', () => {
  it('divides Keyledger by the baseline of the same operation and connection count', () => {
    expect(ratioOf(runs[1]!, runs)).toEqual({ throughput: 0.25, p50: 4, p99: 5 });
    expect(ratioOf(runs[3]!, runs)).toEqual({ throughput: 0.25, p50: 4, p99: 4 });
  });

  it('gives no ratio for a baseline run or a run without its baseline', () => {
    expect(ratioOf(runs[0]!, runs)).toBeNull();
    expect(ratioOf(runs[4]!, runs)).toBeNull();
  });

  it('is NaN, not Infinity, when the baseline measured nothing', () => {
    const empty: RunRecord[] = [{ system: 'baseline', operation: 'reveal', result: result(1, 0, Number.NaN, Number.NaN) }, runs[1]!];
    const ratio = ratioOf(runs[1]!, empty)!;
    expect(ratio.throughput).toBeNaN();
    expect(ratio.p50).toBeNaN();
  });
});

describe('formatTable', () => {
  it('prints one aligned line per run with the ratios of Keyledger runs', () => {
    const lines = formatTable(withRatios(runs)).split('\n');
    expect(lines).toHaveLength(2 + runs.length);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[3]).toMatch(/^keyledger reveal\s+1\s+500\s+2\.00\s+5\.00\s+0\s+0\s+0\.250\s+4\.00\s+5\.00$/);
    expect(lines[2]).toContain('1 (base)');
  });
});

describe('commandThroughput', () => {
  it('reports the creates per second of Keyledger create runs only', () => {
    expect(commandThroughput(runs)).toEqual([{ connections: 32, createsPerSecond: 300 }]);
  });
});

describe('create bodies', () => {
  it('names every credential uniquely and gives it an openai key of 40 random characters', () => {
    const next = createBodies('t');
    const bodies = Array.from({ length: 1000 }, () => JSON.parse(next()) as Record<string, string>);
    expect(new Set(bodies.map((b) => b.name)).size).toBe(1000);
    expect(bodies[0]).toMatchObject({ name: 't-1', type: 'openai' });
    expect(bodies[999]!.name).toBe('t-1000');
    for (const body of bodies) expect(body.secret).toMatch(/^sk-proj-[A-Za-z0-9]{40}$/);
    expect(openAiSecret()).not.toBe(openAiSecret());
  });
});
