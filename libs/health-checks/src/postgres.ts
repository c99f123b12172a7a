import pg from 'pg';
import { pinHost, pinnedSocket } from './egress.js';
import { networkFailure } from './network-failure.js';
import { endpointOf, seconds, TestFailure, text, type TestOptions, type Tester } from './tester.js';

export interface PgTarget {
  config: pg.ClientConfig;
  /** The server's host as the config (or its connection string) names it: checked, then connected to by its pinned address. */
  host: string;
  user: string;
  where: string;
}

/**
 * Connects and runs `SELECT 1`. The server's own messages ("password
 * authentication failed for user ...", "role ... does not exist",
 * "database ... does not exist") name users and databases, never passwords.
 */
export async function pgSelectOne({ config, host, user, where }: PgTarget, options: TestOptions): Promise<void> {
  const { timeoutMs } = options;
  const pinned = await pinHost(host, where, options);
  // node-postgres takes no lookup option, but connects the socket it is given (TLS, if any, then runs over it).
  const stream = () => pinnedSocket(pinned);
  const client = new pg.Client({ ...config, stream, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw pgFailure(error, user, where, timeoutMs);
  } finally {
    await client.end().catch(() => {});
  }
}

function pgFailure(error: unknown, user: string, where: string, timeoutMs: number): unknown {
  const { code, message } = error as { code?: string; message?: string };
  if (code === '28P01') return new TestFailure(`authentication failed for user "${user}" on ${where}`);
  if (code === '28000') return new TestFailure(`authentication failed for user "${user}" on ${where}: ${message}`);
  const network = networkFailure(error, where, timeoutMs);
  if (network) return network;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return new TestFailure(`${message} (SQLSTATE ${code}) on ${where}`);
  if (/timeout/i.test(message ?? '')) return new TestFailure(`timed out after ${seconds(timeoutMs)} reaching ${where}`);
  return error;
}

/** libpq's sslmode, as far as node-postgres can follow it ('prefer' and 'allow' connect without TLS). */
export function pgSsl(sslmode: string): pg.ClientConfig['ssl'] {
  if (sslmode === 'require') return { rejectUnauthorized: false };
  if (sslmode === 'verify-ca') return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
  if (sslmode === 'verify-full') return { rejectUnauthorized: true };
  return false;
}

/** postgres: connect to host:port/database as the user with the password, then `SELECT 1`. */
export const testPostgres: Tester = async (target, options) => {
  const endpoint = endpointOf(target, 5432);
  if (!endpoint) throw new TestFailure('no host to connect to');
  const user = target.username ?? '';
  const config: pg.ClientConfig = {
    ...endpoint,
    user,
    password: target.secret,
    database: text(target.extra.database, 'postgres'),
    ssl: pgSsl(text(target.extra.sslmode, 'prefer')),
  };
  await pgSelectOne({ config, host: endpoint.host, user, where: `${endpoint.host}:${endpoint.port}` }, options);
};
