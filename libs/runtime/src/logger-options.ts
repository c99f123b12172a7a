import type { LoggerOptions } from 'pino';

/**
 * Paths whose values never reach a log line: credentials in headers, secret
 * material under any of its usual names, and request bodies as a whole (they
 * may carry a secret on create, rotate and PUT).
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.body',
  'res.headers["set-cookie"]',
  ...['secret', 'password', 'token', 'wrapped', 'ciphertext', 'masterKey', 'masterKeys', 'bootstrapToken'].flatMap((key) => [
    key,
    `*.${key}`,
    `*.*.${key}`,
  ]),
];

export function loggerOptions(level: string, name: string): LoggerOptions {
  return {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: withoutRequestValues },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}

/**
 * A request as logged: its path without the query string, and without the
 * parsed query and path parameters. Those are values the client chose (a
 * search term, a name): a log line repeats none of them. Path segments stay
 * when they are ids (UUIDs) or route words; any other segment is logged as
 * `:value`.
 */
function withoutRequestValues(req: Record<string, unknown>): Record<string, unknown> {
  const { query: _query, params: _params, ...rest } = req;
  if (typeof rest.url !== 'string') return rest;
  const path = rest.url.split('?')[0]!;
  return { ...rest, url: path.split('/').map(loggedSegment).join('/') };
}

const ROUTE_WORD = /^[a-z][a-z0-9_.-]{0,39}$/;
const ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function loggedSegment(segment: string): string {
  return segment === '' || ROUTE_WORD.test(segment) || ID.test(segment) ? segment : ':value';
}
