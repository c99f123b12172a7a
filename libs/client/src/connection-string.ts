// Connection URLs for database credentials, built from the revealed fields.
import type { RevealedSecret } from './types.js';

export type DatabaseCredential = Pick<RevealedSecret, 'type' | 'username' | 'secret' | 'extra'> & { host?: string | null };

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, redis: 6379 };

/**
 * `postgresql://user:password@host:5432/db?sslmode=require` for a `postgres`
 * credential, `mysql://…` for `mysql`, `redis[s]://…` for `redis`, and the
 * secret itself for a `db_dsn`. User, password and database are
 * percent-encoded. The result holds the password: keep it in memory only.
 */
export function connectionString(credential: DatabaseCredential): string {
  const { type, extra } = credential;
  if (type === 'db_dsn') return credential.secret;
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

/** IPv6 literals need brackets in a URL authority. */
function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
