// Turns measurements into the printed table and bench/results/latest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ProjectionLag } from './lag.js';
import type { LoadResult } from './load.js';
import type { RotationSpeed } from './rotation.js';
import type { Operation, System } from './scenarios.js';

export interface RunRecord {
  system: System;
  operation: Operation;
  result: LoadResult;
}

/** Keyledger over baseline: throughput < 1 and latency > 1 mean Keyledger is slower. */
export interface Ratio {
  throughput: number;
  p50: number;
  p99: number;
}

export interface LogSpeed {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  environment: { node: string; platform: string; cpus: number };
  settings: Record<string, unknown>;
  runs: (RunRecord & { ratio: Ratio | null })[];
  commandThroughput: { connections: number; createsPerSecond: number }[];
  /** From a reveal's commit until its audit entry and usage count exist, during the Keyledger reveal runs. */
  projectionLag: ProjectionLag[];
  /** `events`: every event of the log, the rebuild's whole scan; `credentialEvents`: those it projected. */
  replay: LogSpeed & { credentialEvents: number; credentials: number; identicalReadModel: boolean };
  verify: LogSpeed & { ok: boolean; firstBadPosition?: number };
  rotation: RotationSpeed;
}

const safeDivide = (a: number, b: number): number => (b === 0 || !Number.isFinite(b) ? Number.NaN : a / b);

/** Keyledger's run against the baseline run of the same operation and connection count. */
export function ratioOf(run: RunRecord, runs: RunRecord[]): Ratio | null {
  if (run.system === 'baseline') return null;
  const base = runs.find(
    (r) => r.system === 'baseline' && r.operation === run.operation && r.result.connections === run.result.connections,
  );
  if (!base) return null;
  return {
    throughput: safeDivide(run.result.requestsPerSecond, base.result.requestsPerSecond),
    p50: safeDivide(run.result.p50Ms, base.result.p50Ms),
    p99: safeDivide(run.result.p99Ms, base.result.p99Ms),
  };
}

export function withRatios(runs: RunRecord[]): BenchReport['runs'] {
  return runs.map((run) => ({ ...run, ratio: ratioOf(run, runs) }));
}

export const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');

const HEADER = ['scenario', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'ratio req/s', 'ratio p50', 'ratio p99'];

function row({ system, operation, result, ratio }: BenchReport['runs'][number]): string[] {
  return [
    `${system} ${operation}`,
    String(result.connections),
    fixed(result.requestsPerSecond, 0),
    fixed(result.p50Ms, 2),
    fixed(result.p99Ms, 2),
    String(result.non2xx),
    String(result.errors),
    ratio ? fixed(ratio.throughput, 3) : '1 (base)',
    ratio ? fixed(ratio.p50, 2) : '1 (base)',
    ratio ? fixed(ratio.p99, 2) : '1 (base)',
  ];
}

/** Fixed-width table; numbers right-aligned. */
export function formatTable(runs: BenchReport['runs']): string {
  return alignColumns(HEADER, runs.map(row));
}

/** A header, a rule and the rows in fixed-width columns: the first left-aligned, the others right-aligned. */
export function alignColumns(header: string[], body: string[][]): string {
  const rows = [header, ...body];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function formatSummary(report: BenchReport): string {
  const { replay, verify, rotation } = report;
  const creates = report.commandThroughput.map((c) => `${fixed(c.createsPerSecond, 0)}/s at ${c.connections} conn`).join(', ');
  const lags = report.projectionLag
    .map((l) => `p50 ${fixed(l.p50Ms, 1)} ms, p99 ${fixed(l.p99Ms, 1)} ms at ${l.connections} conn (${l.samples} reveals)`)
    .join('; ');
  return [
    `command throughput (POST /v1/credentials): ${creates}`,
    `projection lag (reveal commit to audit entry and usage, worker running) under reveal load: ${lags}`,
    `full replay (credential view from position 0): ${replay.events} events in ${fixed(replay.seconds, 2)} s = ` +
      `${fixed(replay.eventsPerSecond, 0)} events/s (${replay.credentialEvents} of them credential events); ${replay.credentials} credentials; ` +
      `read model identical after rebuild: ${replay.identicalReadModel ? 'yes' : 'NO'}`,
    `verify (hashes and chains): ${verify.events} events in ${fixed(verify.seconds, 2)} s = ` +
      `${fixed(verify.eventsPerSecond, 0)} events/s; ok: ${verify.ok}` +
      (verify.firstBadPosition === undefined ? '' : `, first bad position ${verify.firstBadPosition}`),
    `master-key rotation (rewrap, ${rotation.workers} workers): ${rotation.dataKeys} data keys in ${fixed(rotation.seconds, 2)} s = ` +
      `${fixed(rotation.keysPerSecond, 0)} data keys rewrapped/s; ${rotation.status}; left under the old key: ${rotation.leftUnderOldKey}`,
  ].join('\n');
}

export function commandThroughput(runs: RunRecord[]): BenchReport['commandThroughput'] {
  return runs
    .filter((r) => r.system === 'keyledger' && r.operation === 'create')
    .map((r) => ({ connections: r.result.connections, createsPerSecond: r.result.requestsPerSecond }));
}

/** NaN is not JSON: unmeasurable figures are written as null. Used for the bench's and the soak's results. */
export async function writeReport(path: string, report: object): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const text = JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2);
  await writeFile(path, `${text}\n`, 'utf8');
}
