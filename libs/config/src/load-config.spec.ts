import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKeyError } from '#crypto';
import { ConfigError } from './config-error.js';
import { createCa, createServerCertificate } from '../../../test/support/certificates.js';
import { loadConfig } from './load-config.js';
import { loadTlsMaterial } from './tls-settings.js';

const key = randomBytes(32);
const base = { KEYLEDGER_MASTER_KEYS: `k1:${key.toString('base64')}` };

function configErrorOf(overrides: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig({ ...base, ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig: defaults', () => {
  it('fills every setting but the master keys with its documented default', () => {
    const config = loadConfig(base);
    expect(config).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/keyledger',
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'keyledger',
      port: 8080,
      host: '127.0.0.1',
      tls: null,
      allowPlainHttp: false,
      bootstrapToken: null,
      bootstrapTenant: 'default',
      masterKeys: [{ id: 'k1', key }],
      logLevel: 'info',
      logFormat: 'auto',
      idempotencyTtlHours: 24,
      trustProxy: false,
      tokenCacheSeconds: 5,
      revealRateLimit: 600,
      revealRateWindowSeconds: 60,
      projectionIntervalMs: 500,
      healthcheckIntervalMs: 6 * 3600 * 1000,
      healthcheckTimeoutMs: 10_000,
      expiry: expect.objectContaining({ scanIntervalMs: 3_600_000, refuseExpired: false }),
      webhooks: { attempts: 10, backoffMs: 30_000, timeoutMs: 10_000 },
      egress: { allow: [], webhookAllowPrivate: false },
      rotationBatchSize: 500,
      rotationConcurrency: 2,
      workerMetrics: null,
    });
  });

  it('treats blank variables as unset', () => {
    const blank = { DATABASE_URL: '', PORT: ' ', KEYLEDGER_BOOTSTRAP_TOKEN: '', LOG_LEVEL: '' };
    const config = loadConfig({ ...base, ...blank });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/keyledger');
    expect(config.port).toBe(8080);
    expect(config.bootstrapToken).toBeNull();
    expect(config.logLevel).toBe('info');
  });

  it('reads process.env when given no argument', () => {
    const names = ['KEYLEDGER_MASTER_KEYS', 'KEYLEDGER_MASTER_KEY', 'PORT'] as const;
    const saved = names.map((name) => [name, process.env[name]] as const);
    try {
      process.env.KEYLEDGER_MASTER_KEYS = base.KEYLEDGER_MASTER_KEYS;
      delete process.env.KEYLEDGER_MASTER_KEY;
      process.env.PORT = '9191';
      expect(loadConfig().port).toBe(9191);
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe('loadConfig: explicit settings', () => {
  it('reads every variable', () => {
    const config = loadConfig({
      KEYLEDGER_MASTER_KEY: `solo:${key.toString('base64')}`,
      DATABASE_URL: 'postgresql://app:pw@db.internal:6543/vault?sslmode=require',
      REDIS_URL: 'rediss://:pw@cache.internal:6380/2',
      KEYLEDGER_REDIS_PREFIX: '{keyledger-prod}',
      PORT: '443',
      HOST: '::',
      KEYLEDGER_ALLOW_PLAIN_HTTP: 'true',
      KEYLEDGER_EGRESS_ALLOW: '10.1.0.0/16, fd00::/8,192.0.2.7',
      KEYLEDGER_WEBHOOK_ALLOW_PRIVATE: 'TRUE',
      KEYLEDGER_BOOTSTRAP_TOKEN: 'bootstrap-token-0123456789',
      KEYLEDGER_BOOTSTRAP_TENANT: 'acme_corp',
      LOG_LEVEL: 'DEBUG',
      LOG_FORMAT: 'JSON',
      KEYLEDGER_IDEMPOTENCY_TTL_HOURS: '48',
      KEYLEDGER_TRUST_PROXY: 'true',
      KEYLEDGER_TOKEN_CACHE_SECONDS: '0',
      KEYLEDGER_REVEAL_RATE_LIMIT: '50',
      KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS: '10',
      KEYLEDGER_PROJECTION_INTERVAL_MS: '250',
      KEYLEDGER_HEALTHCHECK_INTERVAL: '15m',
      KEYLEDGER_HEALTHCHECK_TIMEOUT: '2500ms',
      KEYLEDGER_ROTATION_BATCH_SIZE: '50',
      KEYLEDGER_ROTATION_CONCURRENCY: '4',
      KEYLEDGER_WORKER_METRICS_PORT: '9464',
      KEYLEDGER_WORKER_METRICS_HOST: '0.0.0.0',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgresql://app:pw@db.internal:6543/vault?sslmode=require',
      redisUrl: 'rediss://:pw@cache.internal:6380/2',
      redisPrefix: '{keyledger-prod}',
      port: 443,
      host: '::',
      allowPlainHttp: true,
      egress: {
        allow: [
          { address: '10.1.0.0', prefix: 16, family: 4 },
          { address: 'fd00::', prefix: 8, family: 6 },
          { address: '192.0.2.7', prefix: 32, family: 4 },
        ],
        webhookAllowPrivate: true,
      },
      bootstrapToken: 'bootstrap-token-0123456789',
      bootstrapTenant: 'acme_corp',
      logLevel: 'debug',
      logFormat: 'json',
      idempotencyTtlHours: 48,
      trustProxy: true,
      tokenCacheSeconds: 0,
      revealRateLimit: 50,
      revealRateWindowSeconds: 10,
      projectionIntervalMs: 250,
      healthcheckIntervalMs: 15 * 60 * 1000,
      healthcheckTimeoutMs: 2500,
      rotationBatchSize: 50,
      rotationConcurrency: 4,
      workerMetrics: { host: '0.0.0.0', port: 9464 },
    });
    expect(config.masterKeys.map((k) => k.id)).toEqual(['solo']);
  });

  it('returns a frozen object', () => {
    const config = loadConfig(base);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.masterKeys)).toBe(true);
  });
});

const invalid: Array<[string, NodeJS.ProcessEnv]> = [
  ['DATABASE_URL', { DATABASE_URL: 'not a url with password hunter2' }],
  ['DATABASE_URL', { DATABASE_URL: 'mysql://root:hunter2@db/keyledger' }],
  ['REDIS_URL', { REDIS_URL: 'http://:hunter2@cache:6379' }],
  ['REDIS_URL', { REDIS_URL: 'hunter2' }],
  ['KEYLEDGER_REDIS_PREFIX', { KEYLEDGER_REDIS_PREFIX: 'key ledger' }],
  ['KEYLEDGER_REDIS_PREFIX', { KEYLEDGER_REDIS_PREFIX: 'p'.repeat(65) }],
  ['PORT', { PORT: '0' }],
  ['PORT', { PORT: '65536' }],
  ['PORT', { PORT: 'http' }],
  ['PORT', { PORT: '80.5' }],
  ['PORT', { PORT: '-1' }],
  ['HOST', { HOST: 'local host' }],
  ['KEYLEDGER_WORKER_METRICS_PORT', { KEYLEDGER_WORKER_METRICS_PORT: '0' }],
  ['KEYLEDGER_WORKER_METRICS_PORT', { KEYLEDGER_WORKER_METRICS_PORT: '65536' }],
  ['KEYLEDGER_WORKER_METRICS_HOST', { KEYLEDGER_WORKER_METRICS_PORT: '9464', KEYLEDGER_WORKER_METRICS_HOST: 'metrics host' }],
  ['HOST', { HOST: '0.0.0.0' }],
  ['HOST', { HOST: '10.0.0.5' }],
  ['KEYLEDGER_ALLOW_PLAIN_HTTP', { KEYLEDGER_ALLOW_PLAIN_HTTP: 'yes' }],
  ['KEYLEDGER_TLS_KEY', { KEYLEDGER_TLS_CERT: '/etc/keyledger/tls.crt' }],
  ['KEYLEDGER_TLS_CERT', { KEYLEDGER_TLS_KEY: '/etc/keyledger/tls.key' }],
  ['KEYLEDGER_WEBHOOK_ALLOW_PRIVATE', { KEYLEDGER_WEBHOOK_ALLOW_PRIVATE: 'maybe' }],
  ['KEYLEDGER_EGRESS_ALLOW', { KEYLEDGER_EGRESS_ALLOW: '10.0.0.0/33' }],
  ['KEYLEDGER_EGRESS_ALLOW', { KEYLEDGER_EGRESS_ALLOW: 'intranet.example' }],
  ['KEYLEDGER_BOOTSTRAP_TOKEN', { KEYLEDGER_BOOTSTRAP_TOKEN: 'hunter2-short' }],
  ['KEYLEDGER_BOOTSTRAP_TENANT', { KEYLEDGER_BOOTSTRAP_TENANT: 'acme corp' }],
  ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }],
  ['LOG_FORMAT', { LOG_FORMAT: 'colour' }],
  ['KEYLEDGER_IDEMPOTENCY_TTL_HOURS', { KEYLEDGER_IDEMPOTENCY_TTL_HOURS: '0' }],
  ['KEYLEDGER_IDEMPOTENCY_TTL_HOURS', { KEYLEDGER_IDEMPOTENCY_TTL_HOURS: 'a day' }],
  ['KEYLEDGER_IDEMPOTENCY_TTL_HOURS', { KEYLEDGER_IDEMPOTENCY_TTL_HOURS: '9000' }],
  ['KEYLEDGER_TOKEN_CACHE_SECONDS', { KEYLEDGER_TOKEN_CACHE_SECONDS: '301' }],
  ['KEYLEDGER_REVEAL_RATE_LIMIT', { KEYLEDGER_REVEAL_RATE_LIMIT: '-1' }],
  ['KEYLEDGER_REVEAL_RATE_LIMIT', { KEYLEDGER_REVEAL_RATE_LIMIT: 'lots' }],
  ['KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS', { KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS: 'a minute' }],
  ['KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS', { KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS: '86401' }],
  ['KEYLEDGER_PROJECTION_INTERVAL_MS', { KEYLEDGER_PROJECTION_INTERVAL_MS: '5' }],
  ['KEYLEDGER_PROJECTION_INTERVAL_MS', { KEYLEDGER_PROJECTION_INTERVAL_MS: 'soon' }],
  ['KEYLEDGER_HEALTHCHECK_INTERVAL', { KEYLEDGER_HEALTHCHECK_INTERVAL: 'hourly' }],
  ['KEYLEDGER_HEALTHCHECK_INTERVAL', { KEYLEDGER_HEALTHCHECK_INTERVAL: '500ms' }],
  ['KEYLEDGER_HEALTHCHECK_INTERVAL', { KEYLEDGER_HEALTHCHECK_INTERVAL: '31d' }],
  ['KEYLEDGER_HEALTHCHECK_INTERVAL', { KEYLEDGER_HEALTHCHECK_INTERVAL: '-1h' }],
  ['KEYLEDGER_HEALTHCHECK_TIMEOUT', { KEYLEDGER_HEALTHCHECK_TIMEOUT: '0ms' }],
  ['KEYLEDGER_HEALTHCHECK_TIMEOUT', { KEYLEDGER_HEALTHCHECK_TIMEOUT: 'off' }],
  ['KEYLEDGER_HEALTHCHECK_TIMEOUT', { KEYLEDGER_HEALTHCHECK_TIMEOUT: '1h' }],
  ['KEYLEDGER_ROTATION_BATCH_SIZE', { KEYLEDGER_ROTATION_BATCH_SIZE: 'lots' }],
  ['KEYLEDGER_ROTATION_BATCH_SIZE', { KEYLEDGER_ROTATION_BATCH_SIZE: '10001' }],
  ['KEYLEDGER_ROTATION_CONCURRENCY', { KEYLEDGER_ROTATION_CONCURRENCY: '0' }],
  ['KEYLEDGER_ROTATION_CONCURRENCY', { KEYLEDGER_ROTATION_CONCURRENCY: 'many' }],
];

describe('loadConfig: validation', () => {
  it.each(invalid)('rejects a bad %s with one line naming it', (name, overrides) => {
    const { message } = configErrorOf(overrides);
    expect(message.startsWith(`${name} `)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it.each(invalid)('never echoes the bad value of %s', (_name, overrides) => {
    const { message } = configErrorOf(overrides);
    for (const value of Object.values(overrides)) {
      expect(message).not.toContain(value);
    }
    expect(message).not.toContain('hunter2');
  });

  it('accepts the boundaries of PORT and the TTL and a 16-character bootstrap token', () => {
    expect(loadConfig({ ...base, PORT: '1' }).port).toBe(1);
    expect(loadConfig({ ...base, PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({ ...base, KEYLEDGER_IDEMPOTENCY_TTL_HOURS: '1' }).idempotencyTtlHours).toBe(1);
    expect(loadConfig({ ...base, KEYLEDGER_BOOTSTRAP_TOKEN: 'a'.repeat(16) }).bootstrapToken).toBe('a'.repeat(16));
    expect(() => loadConfig({ ...base, KEYLEDGER_BOOTSTRAP_TOKEN: 'a'.repeat(15) })).toThrow(ConfigError);
  });

  it('turns the reveal rate limit off with 0, but needs a window of at least a second', () => {
    expect(loadConfig({ ...base, KEYLEDGER_REVEAL_RATE_LIMIT: '0' }).revealRateLimit).toBe(0);
    expect(loadConfig({ ...base, KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS: '1' }).revealRateWindowSeconds).toBe(1);
    expect(() => loadConfig({ ...base, KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS: '0' })).toThrow(ConfigError);
  });

  it('reads durations as seconds or with a unit, and 0/off as a disabled health-check schedule', () => {
    const interval = (value: string) => loadConfig({ ...base, KEYLEDGER_HEALTHCHECK_INTERVAL: value }).healthcheckIntervalMs;
    expect(interval('90')).toBe(90_000);
    expect(interval('30s')).toBe(30_000);
    expect(interval('6H')).toBe(21_600_000);
    expect(interval('1d')).toBe(86_400_000);
    expect(interval('0')).toBe(0);
    expect(interval('off')).toBe(0);
    expect(loadConfig({ ...base, KEYLEDGER_HEALTHCHECK_TIMEOUT: '250ms' }).healthcheckTimeoutMs).toBe(250);
  });

  it('lets a MasterKeyError through unchanged', () => {
    expect(() => loadConfig({})).toThrow(MasterKeyError);
    expect(() => loadConfig({ KEYLEDGER_MASTER_KEYS: 'k1:short' })).toThrow(MasterKeyError);
    expect(() => loadConfig({ KEYLEDGER_MASTER_KEYS: 'k1:short' })).not.toThrow(ConfigError);
  });
});

describe('loadConfig: TLS and where plain HTTP may listen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-tls-config-'));
  const ca = createCa();
  const server = createServerCertificate(ca);
  const other = createServerCertificate(ca, 'other');
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const cert = file('server.crt', server.cert);
  const key = file('server.key', server.key);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves HTTPS on every interface by default once a certificate and key are given', () => {
    const config = loadConfig({ ...base, KEYLEDGER_TLS_CERT: cert, KEYLEDGER_TLS_KEY: key });
    expect(config.tls).toEqual({ certFile: cert, keyFile: key });
    expect(config.host).toBe('0.0.0.0');
    expect(loadTlsMaterial(config.tls!)).toEqual({ cert: server.cert, key: server.key });
  });

  it('serves plain HTTP on loopback by default, and elsewhere only when told it is behind a proxy', () => {
    expect(loadConfig(base).host).toBe('127.0.0.1');
    for (const host of ['localhost', '127.0.0.2', '::1', '[::1]']) expect(loadConfig({ ...base, HOST: host }).host).toBe(host);
    expect(configErrorOf({ HOST: '0.0.0.0' }).message).toBe(
      'HOST is not a loopback address and no TLS is configured: set KEYLEDGER_TLS_CERT and KEYLEDGER_TLS_KEY, ' +
        'or KEYLEDGER_ALLOW_PLAIN_HTTP=true behind a TLS-terminating proxy',
    );
    expect(loadConfig({ ...base, HOST: '0.0.0.0', KEYLEDGER_ALLOW_PLAIN_HTTP: 'true' })).toMatchObject({
      host: '0.0.0.0',
      tls: null,
      allowPlainHttp: true,
    });
  });

  it.each([
    ['a missing file', { KEYLEDGER_TLS_CERT: join(dir, 'absent.crt') }, /^KEYLEDGER_TLS_CERT cannot be read \(ENOENT\): /],
    ['a key as the certificate', { KEYLEDGER_TLS_CERT: key }, /^KEYLEDGER_TLS_CERT is not a PEM certificate: /],
    ['a certificate as the key', { KEYLEDGER_TLS_KEY: cert }, /^KEYLEDGER_TLS_KEY is not a PEM private key/],
    ['the key of another certificate', { KEYLEDGER_TLS_KEY: 'other' }, /^KEYLEDGER_TLS_KEY does not belong to the certificate/],
  ])('refuses %s in one line that never holds the key', (_, overrides, expected) => {
    const env = { KEYLEDGER_TLS_CERT: cert, KEYLEDGER_TLS_KEY: key, ...overrides };
    if (env.KEYLEDGER_TLS_KEY === 'other') env.KEYLEDGER_TLS_KEY = file('other.key', other.key);
    const { message } = configErrorOf(env);
    expect(message).toMatch(expected);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('PRIVATE KEY');
  });
});
