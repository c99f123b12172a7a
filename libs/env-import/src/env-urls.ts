// DATABASE_URL and friends: a URL with a password becomes a postgres, mysql
// or redis credential when the template can hold all of it, else a db_dsn
// that keeps the whole URL as its secret.
import { kebab } from './entry.js';
import { defined } from './env-pool.js';
import type { Detected } from './env-services.js';

const URL_VARIABLE = /^(?:[A-Z0-9_]+_)?(?:DATABASE|DB|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|REDIS|MONGO|MONGODB)_(?:URL|URI|DSN)$/;

const DRIVERS: Record<string, string> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
  'mongodb:': 'mongodb',
  'mongodb+srv:': 'mongodb',
  'sqlserver:': 'sqlserver',
  'mssql:': 'sqlserver',
};

export function isDatabaseUrlVariable(name: string): boolean {
  return URL_VARIABLE.test(name);
}

/** The credential a database URL variable becomes, or a reason to skip it. */
export function detectDatabaseUrl(name: string, value: string): Detected | { skip: string } {
  const url = URL.parse(value);
  if (!url) return { skip: 'not a URL' };
  const group = kebab(name.replace(/_(URL|URI|DSN)$/, ''));
  const password = decodeURIComponent(url.password);
  if (password === '') return { skip: 'no password in the URL: nothing secret to keep' };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || undefined;
  const username = decodeURIComponent(url.username) || undefined;
  const port = url.port === '' ? undefined : Number(url.port);
  const query = [...url.searchParams.keys()];
  if ((url.protocol === 'postgres:' || url.protocol === 'postgresql:') && host && username && query.every((k) => k === 'sslmode')) {
    const database = decodeURIComponent(url.pathname.slice(1)) || undefined;
    const extra = defined({ port, database, sslmode: url.searchParams.get('sslmode') ?? undefined });
    return { group, body: { type: 'postgres', host, username, extra, secret: password }, notes: [] };
  }
  if ((url.protocol === 'mysql:' || url.protocol === 'mariadb:') && host && username && query.length === 0) {
    const extra = defined({ port, database: decodeURIComponent(url.pathname.slice(1)) || undefined });
    return { group, body: { type: 'mysql', host, username, extra, secret: password }, notes: [] };
  }
  if ((url.protocol === 'redis:' || url.protocol === 'rediss:') && host && query.length === 0) {
    const db = /^\/\d+$/.test(url.pathname) ? Number(url.pathname.slice(1)) : undefined;
    const extra = defined({ port, db, tls: url.protocol === 'rediss:' });
    return { group, body: defined({ type: 'redis', host, username, extra, secret: password }) as Detected['body'], notes: [] };
  }
  const driver = DRIVERS[url.protocol] ?? 'other';
  return {
    group,
    body: defined({ type: 'db_dsn', host, extra: { driver }, secret: value }) as Detected['body'],
    notes: ['kept whole as a DSN'],
  };
}
