// One autocannon run, in this process. Latencies are taken from autocannon's
// per-response timings (hrtime, fractional ms) rather than its histogram,
// which records whole milliseconds: sub-millisecond p50s at one connection
// would all read 0 or 1 and make the latency ratio meaningless.
import autocannon from 'autocannon';
import { REQUEST_TIMEOUT_SECONDS } from './settings.js';

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  connections: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** A fresh body per request; none when absent. */
  body?: () => string;
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** 2xx responses per second. */
  requestsPerSecond: number;
  /** Latency of 2xx responses, ms. */
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
}

/** Nearest-rank percentile of ascending `sorted`; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

function options(spec: LoadSpec): autocannon.Options {
  const { body } = spec;
  const request: autocannon.Request = { method: spec.method, headers: spec.headers };
  if (body) request.setupRequest = (req) => ({ ...req, body: body() });
  return { url: spec.url, connections: spec.connections, duration: spec.durationSeconds, requests: [request] };
}

/** What one load run reports as it goes: every response with its latency (ms), and every request error. */
export interface LoadObserver {
  response(statusCode: number, ms: number): void;
  error?(): void;
}

/**
 * Starts autocannon with `options` (plus the per-request timeout) and reports
 * each response to `observer` as it comes; resolves with autocannon's
 * result when the run ends. The callback form returns the instance, whose
 * 'response' events carry each latency.
 */
export function startLoad(
  options: autocannon.Options,
  observer: LoadObserver,
): { instance: autocannon.Instance; done: Promise<autocannon.Result> } {
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ timeout: REQUEST_TIMEOUT_SECONDS, ...options }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  instance.on('response', (_client, statusCode, _bytes, ms) => observer.response(statusCode, ms));
  instance.on('reqError', () => observer.error?.());
  return { instance, done };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  const { done } = startLoad(options(spec), {
    response: (statusCode, ms) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
    },
  });
  return summarize(spec, await done, latencies);
}

function summarize(spec: LoadSpec, result: autocannon.Result, latencies: number[]): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const stats = result.statusCodeStats ?? {};
  const statusCodes = Object.fromEntries(Object.entries(stats).map(([code, { count }]) => [code, count ?? 0]));
  return {
    connections: spec.connections,
    durationSeconds: result.duration,
    requestsPerSecond: sorted.length / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    ok: sorted.length,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes,
  };
}
