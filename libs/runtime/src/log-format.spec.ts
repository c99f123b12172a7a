import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { formatLogLine, QuietWiringLogger, requestLogLevel, resolveLogFormat } from './log-format.js';

describe('resolveLogFormat', () => {
  it('is readable on a terminal and JSON elsewhere, unless LOG_FORMAT says which', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('formatLogLine', () => {
  const time = '2026-12-03T12:38:17.123Z';

  it('prints time, level, process, context and message, then the other fields', () => {
    const line = JSON.stringify({
      level: 'info',
      time,
      pid: 7,
      hostname: 'h',
      name: 'keyledger-worker',
      context: 'Worker',
      msg: 'up',
      queue: 'q',
    });
    expect(formatLogLine(line)).toBe('12:38:17 INFO  worker Worker: up queue=q\n');
  });

  it('prints a request as method, path, status and duration', () => {
    const line = JSON.stringify({
      level: 'info',
      time,
      name: 'keyledger-api',
      req: { id: 1, method: 'GET', url: '/v1/credentials', headers: { authorization: '[redacted]' } },
      res: { statusCode: 200 },
      responseTime: 12,
      msg: 'request completed',
    });
    expect(formatLogLine(line)).toBe('12:38:17 INFO  api    GET /v1/credentials 200 12ms\n');
  });

  it('adds an error and, at error level, its stack', () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' };
    expect(formatLogLine(JSON.stringify({ level: 'warn', time, name: 'keyledger-api', msg: 'm', err }))).toBe(
      '12:38:17 WARN  api    m Error: boom\n',
    );
    expect(formatLogLine(JSON.stringify({ level: 'error', time, name: 'keyledger-api', msg: 'm', err }))).toBe(
      '12:38:17 ERROR api    m Error: boom\n    Error: boom\n        at x\n',
    );
  });

  it('passes a line that is not JSON through', () => {
    expect(formatLogLine('plain')).toBe('plain\n');
  });
});

describe('requestLogLevel', () => {
  const req = (url: string) => ({ url }) as IncomingMessage;
  const res = (statusCode: number) => ({ statusCode }) as ServerResponse;

  it('logs successful health probes at debug, everything else at info', () => {
    expect(requestLogLevel(req('/health/live'), res(200))).toBe('debug');
    expect(requestLogLevel(req('/health/ready'), res(200))).toBe('debug');
    expect(requestLogLevel(req('/health/ready'), res(503))).toBe('info');
    expect(requestLogLevel(req('/v1/credentials'), res(200))).toBe('info');
  });
});

describe('QuietWiringLogger', () => {
  it("moves Nest's module and route wiring to debug and passes the rest through", () => {
    const calls: string[] = [];
    const inner: LoggerService & { debug(message: unknown, ...params: unknown[]): void } = {
      log: (m: unknown) => void calls.push(`log ${String(m)}`),
      error: (m: unknown) => void calls.push(`error ${String(m)}`),
      warn: (m: unknown) => void calls.push(`warn ${String(m)}`),
      debug: (m: unknown) => void calls.push(`debug ${String(m)}`),
    };
    const logger = new QuietWiringLogger(inner);
    logger.log('Mapped {/v1/credentials, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('connected to Postgres and Redis', 'Worker');
    logger.warn('careful', 'Worker');
    expect(calls).toEqual([
      'debug Mapped {/v1/credentials, GET} route',
      'debug AppModule dependencies initialized',
      'log connected to Postgres and Redis',
      'warn careful',
    ]);
  });
});
