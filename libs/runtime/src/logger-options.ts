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
    formatters: { level: (label) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}
