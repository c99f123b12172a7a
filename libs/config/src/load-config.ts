// The only reader of process.env in Keyledger. Everything else receives the
// validated, frozen KeyledgerConfig built here once at start-up.

import { parseMasterKeys, type MasterKey } from '#crypto';
import type { EgressSettings } from '#egress';
import { ConfigError } from './config-error.js';
import { readEgressSettings } from './egress-settings.js';
import { readExpirySettings, readWebhookSettings, type ExpirySettings, type WebhookSettings } from './notify-settings.js';
import { readChoice, readDuration, readInteger, readRaw, readString, readUrl, type Env } from './readers.js';
import { readListenSettings, type TlsFiles } from './tls-settings.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `auto`: one readable line per entry on a terminal, JSON otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface KeyledgerConfig {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  port: number;
  /** Default 127.0.0.1 for plain HTTP, 0.0.0.0 with TLS. */
  host: string;
  /** KEYLEDGER_TLS_CERT and KEYLEDGER_TLS_KEY: the API serves HTTPS only; null: plain HTTP. */
  tls: TlsFiles | null;
  /** Plain HTTP on a non-loopback address (behind a TLS-terminating proxy only). */
  allowPlainHttp: boolean;
  /** When set, an admin principal with this token exists at start. */
  bootstrapToken: string | null;
  bootstrapTenant: string;
  /** Ordered; the first one wraps new data keys. */
  masterKeys: MasterKey[];
  logLevel: LogLevel;
  logFormat: LogFormat;
  idempotencyTtlHours: number;
  /** Honour X-Forwarded-For for client addresses (behind a reverse proxy only). */
  trustProxy: boolean;
  /** How long a resolved bearer token is trusted without a database read (0: never). */
  tokenCacheSeconds: number;
  /** Reveals and lookups one principal may make per window (0: no limit). */
  revealRateLimit: number;
  revealRateWindowSeconds: number;
  /** How long the worker's projection runner waits between catch-ups once a consumer is caught up. */
  projectionIntervalMs: number;
  /** How often the worker tests every active credential; 0: never. */
  healthcheckIntervalMs: number;
  /** Upper bound of one credential health check. */
  healthcheckTimeoutMs: number;
  expiry: ExpirySettings;
  webhooks: WebhookSettings;
  /** Where webhook deliveries and health checks may connect. */
  egress: EgressSettings;
  /** Data keys per master-key rotation batch (one transaction each). */
  rotationBatchSize: number;
  /** Rotation batches one worker process runs at once. */
  rotationConcurrency: number;
  /** Where the worker serves GET /metrics (KEYLEDGER_WORKER_METRICS_PORT); null: it listens nowhere. */
  workerMetrics: { host: string; port: number } | null;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/keyledger';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 16;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const TENANT_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
// Braces allowed: a Redis Cluster needs a `{hash tag}` prefix for BullMQ.
const REDIS_PREFIX_PATTERN = /^[A-Za-z0-9_.:{}-]{1,64}$/;

/** Validates every variable; throws ConfigError, or MasterKeyError from #crypto. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): KeyledgerConfig {
  const listen = readListenSettings(env);
  const config: KeyledgerConfig = {
    databaseUrl: readUrl(env, 'DATABASE_URL', DEFAULT_DATABASE_URL, ['postgres:', 'postgresql:']),
    redisUrl: readUrl(env, 'REDIS_URL', DEFAULT_REDIS_URL, ['redis:', 'rediss:']),
    redisPrefix: readString(env, 'KEYLEDGER_REDIS_PREFIX', 'keyledger', REDIS_PREFIX_PATTERN, 'use 1-64 of A-Z a-z 0-9 _ . : - { }'),
    port: readInteger(env, 'PORT', 8080, 1, 65535),
    host: listen.host,
    tls: listen.tls ? Object.freeze(listen.tls) : null,
    allowPlainHttp: listen.allowPlainHttp,
    bootstrapToken: readBootstrapToken(env),
    bootstrapTenant: readString(env, 'KEYLEDGER_BOOTSTRAP_TENANT', 'default', TENANT_PATTERN, 'use 1-64 of A-Z a-z 0-9 _ -'),
    masterKeys: parseMasterKeys(env),
    logLevel: readChoice(env, 'LOG_LEVEL', 'info', LOG_LEVELS),
    logFormat: readChoice(env, 'LOG_FORMAT', 'auto', LOG_FORMATS),
    idempotencyTtlHours: readInteger(env, 'KEYLEDGER_IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 366),
    trustProxy: readChoice(env, 'KEYLEDGER_TRUST_PROXY', 'false', ['true', 'false']) === 'true',
    tokenCacheSeconds: readInteger(env, 'KEYLEDGER_TOKEN_CACHE_SECONDS', 5, 0, 300),
    revealRateLimit: readInteger(env, 'KEYLEDGER_REVEAL_RATE_LIMIT', 600, 0, 1_000_000),
    revealRateWindowSeconds: readInteger(env, 'KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS', 60, 1, 86_400),
    projectionIntervalMs: readInteger(env, 'KEYLEDGER_PROJECTION_INTERVAL_MS', 500, 10, 60_000),
    healthcheckIntervalMs: readDuration(env, 'KEYLEDGER_HEALTHCHECK_INTERVAL', '6h', { minMs: 1000, maxMs: 30 * DAY_MS, allowOff: true }),
    healthcheckTimeoutMs: readDuration(env, 'KEYLEDGER_HEALTHCHECK_TIMEOUT', '10s', { minMs: 100, maxMs: 5 * MINUTE_MS }),
    expiry: readExpirySettings(env),
    webhooks: readWebhookSettings(env),
    egress: readEgressSettings(env),
    rotationBatchSize: readInteger(env, 'KEYLEDGER_ROTATION_BATCH_SIZE', 500, 1, 10000),
    rotationConcurrency: readInteger(env, 'KEYLEDGER_ROTATION_CONCURRENCY', 2, 1, 32),
    workerMetrics: readWorkerMetrics(env),
  };
  Object.freeze(config.masterKeys);
  return Object.freeze(config);
}

const METRICS_HOST_PATTERN = /^[^\s/]{1,253}$/;

// Off unless a port is given: the worker has no other listener, and a scrape
// endpoint is the operator's choice. Loopback unless the host says otherwise.
function readWorkerMetrics(env: Env): KeyledgerConfig['workerMetrics'] {
  const port = readInteger(env, 'KEYLEDGER_WORKER_METRICS_PORT', 0, 1, 65535);
  if (port === 0) return null;
  const host = readString(env, 'KEYLEDGER_WORKER_METRICS_HOST', '127.0.0.1', METRICS_HOST_PATTERN, 'expected a host name or IP address');
  return Object.freeze({ host, port });
}

function readBootstrapToken(env: Env): string | null {
  const token = readRaw(env, 'KEYLEDGER_BOOTSTRAP_TOKEN');
  if (token === undefined) return null;
  if (token.length < MIN_BOOTSTRAP_TOKEN_LENGTH) {
    throw new ConfigError(`KEYLEDGER_BOOTSTRAP_TOKEN must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters`);
  }
  return token;
}
