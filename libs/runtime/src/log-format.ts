import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { LogFormat } from '#config';

/** `auto` is readable lines on a terminal and JSON anywhere else (a pipe, a file, a log collector). */
export function resolveLogFormat(format: LogFormat, isTerminal = process.stdout.isTTY === true): 'json' | 'pretty' {
  if (format === 'auto') return isTerminal ? 'pretty' : 'json';
  return format;
}

const LEVEL_NAMES: Record<string, string> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO ',
  warn: 'WARN ',
  error: 'ERROR',
  fatal: 'FATAL',
};
// Fields every line has, or that the readable line shows in its own place.
const SHOWN = new Set(['level', 'time', 'name', 'msg', 'pid', 'hostname', 'req', 'res', 'responseTime', 'err', 'context']);

interface LogEntry {
  level?: string;
  time?: string;
  name?: string;
  msg?: string;
  context?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; stack?: string };
  [field: string]: unknown;
}

/**
 * One pino JSON line as one readable line: time, level, process, message,
 * then the remaining fields as key=value. A request reads as
 * `GET /v1/credentials 200 12ms`; an error adds its stack on the lines below.
 * Redaction has already happened: this sees only what pino wrote.
 */
export function formatLogLine(line: string): string {
  let entry: LogEntry;
  try {
    entry = JSON.parse(line) as LogEntry;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = LEVEL_NAMES[entry.level ?? ''] ?? String(entry.level ?? '').toUpperCase();
  const name = (entry.name ?? '').replace(/^keyledger-/, '').padEnd(6);
  const parts = [time, level, name];
  if (entry.req && entry.res) {
    parts.push(`${entry.req.method ?? ''} ${entry.req.url ?? ''} ${entry.res.statusCode ?? ''} ${entry.responseTime ?? ''}ms`);
  } else {
    parts.push(entry.context ? `${entry.context}: ${entry.msg ?? ''}` : (entry.msg ?? ''));
  }
  for (const [key, value] of Object.entries(entry)) {
    if (SHOWN.has(key) || value === undefined) continue;
    parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  if (entry.err) parts.push(`${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}`);
  const stack = entry.err?.stack && (entry.level === 'error' || entry.level === 'fatal') ? `\n${indent(entry.err.stack)}` : '';
  return `${parts.join(' ')}${stack}\n`;
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');

/** Where a process writes its log lines: stdout as JSON (pino's own), or readable lines. */
export function logDestination(format: LogFormat, out: NodeJS.WritableStream = process.stdout): DestinationStream | undefined {
  if (resolveLogFormat(format) === 'json') return undefined;
  return { write: (line: string) => void out.write(formatLogLine(line)) };
}

/** Liveness and readiness probes answer every few seconds: their successes are logged at debug, not info. */
export function requestLogLevel(req: IncomingMessage, res: ServerResponse, err?: Error): 'debug' | 'info' {
  const probe = (req.url ?? '').startsWith('/health/');
  return probe && !err && res.statusCode < 500 ? 'debug' : 'info';
}

// Nest's start-up wiring: a line per module, controller and route (a hundred
// lines at info before the first request). Useful when debugging, noise otherwise.
const WIRING_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/** Nest's logger with its wiring messages moved from info to debug; everything else passes through. */
export class QuietWiringLogger implements LoggerService {
  constructor(private readonly inner: LoggerService & { debug(message: unknown, ...params: unknown[]): void }) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params[params.length - 1];
    if (typeof context === 'string' && WIRING_CONTEXTS.has(context)) this.inner.debug(message, ...params);
    else this.inner.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    if (this.inner.fatal) this.inner.fatal(message, ...params);
    else this.inner.error(message, ...params);
  }
}
