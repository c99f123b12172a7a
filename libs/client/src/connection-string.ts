// Connection URLs for database credentials, built from the revealed fields.
import type { RevealedSecret } from './types.js';

export type DatabaseCredential = Pick<RevealedSecret, 'type' | 'username' | 'secret' | 'extra'> & { host?: string | null };

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, redis: 6379 };

/** A db_dsn driver (its own name or another usual spelling) to its URL scheme and port. */
const DSN_DRIVERS: Record<string, { scheme: string; port: number }> = {
  postgres: { scheme: 'postgresql', port: 5432 },
  postgresql: { scheme: 'postgresql', port: 5432 },
  mysql: { scheme: 'mysql', port: 3306 },
  mariadb: { scheme: 'mysql', port: 3306 },
  sqlserver: { scheme: 'sqlserver', port: 1433 },
  mssql: { scheme: 'sqlserver', port: 1433 },
  mongodb: { scheme: 'mongodb', port: 27017 },
  mongo: { scheme: 'mongodb', port: 27017 },
};

/**
 * `postgresql://user:password@host:5432/db?sslmode=require` for a `postgres`
 * credential, `mysql://…` for `mysql`, `redis[s]://…` for `redis`; for a
 * `db_dsn` the secret itself, or, when it holds a password
 * (`extra.secret_format` is `password`), a URL for its driver built from
 * host, port, database and user. User, password and database are
 * percent-encoded. The result holds the password: keep it in memory only.
 */
export function connectionString(credential: DatabaseCredential): string {
  const { type, extra } = credential;
  if (type === 'db_dsn') return extra.secret_format === 'password' ? dsnFromParts(credential) : credential.secret;
  if (!(type in DEFAULT_PORTS)) throw new TypeError(`connectionString: a ${type} credential is not a database credential`);
  const host = credential.host ?? (typeof extra.host === 'string' ? extra.host : null);
  if (!host) throw new TypeError(`connectionString: the ${type} credential has no host`);
  const port = Number(extra.port ?? DEFAULT_PORTS[type]);
  const user = credential.username ? encodeURIComponent(credential.username) : '';
  const authority = `${user}:${encodeURIComponent(credential.secret)}@${bracketed(host)}:${port}`;
  if (type === 'postgres') {
    const sslmode = typeof extra.sslmode === 'string' ? `?sslmode=${encodeURIComponent(extra.sslmode)}` : '';
    return `postgresql://${authority}/${encodeURIComponent(String(extra.database ?? 'postgres'))}${sslmode}`;
  }
  if (type === 'mysql') {
    const database = extra.database ? encodeURIComponent(String(extra.database)) : '';
    const sslMode = typeof extra.ssl_mode === 'string' && extra.ssl_mode !== 'PREFERRED' ? `?ssl-mode=${extra.ssl_mode}` : '';
    return `mysql://${authority}/${database}${sslMode}`;
  }
  return `${extra.tls === true ? 'rediss' : 'redis'}://${authority}/${Number(extra.db ?? 0)}`;
}

function dsnFromParts(credential: DatabaseCredential): string {
  const { extra } = credential;
  const driverName = typeof extra.driver === 'string' ? extra.driver : 'postgres';
  const driver = DSN_DRIVERS[driverName];
  if (!driver) throw new TypeError(`connectionString: no URL scheme known for db_dsn driver ${driverName}`);
  const host = credential.host ?? (typeof extra.host === 'string' ? extra.host : null);
  if (!host) throw new TypeError('connectionString: the db_dsn credential has no host');
  const user = credential.username ? encodeURIComponent(credential.username) : '';
  const port = Number(extra.port ?? driver.port);
  const database = extra.database ? encodeURIComponent(String(extra.database)) : '';
  return `${driver.scheme}://${user}:${encodeURIComponent(credential.secret)}@${bracketed(host)}:${port}/${database}`;
}

/** IPv6 literals need brackets in a URL authority. */
function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
