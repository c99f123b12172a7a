import { connect } from 'node:net';
import mysql from 'mysql2/promise';
import { pinHost } from './egress.js';
import { networkFailure } from './network-failure.js';
import { endpointOf, TestFailure, text, type TestOptions, type Tester } from './tester.js';

export interface MysqlTarget {
  options: mysql.ConnectionOptions;
  /** The server's host and port as the options (or their URI) name them. */
  host: string;
  port: number;
  user: string;
  where: string;
}

const ACCESS_DENIED = 1045;

/** Connects and runs `SELECT 1`. MySQL's messages name the account ('app'@'host'), never the password. */
export async function mysqlSelectOne({ options, host, port, user, where }: MysqlTarget, testOptions: TestOptions): Promise<void> {
  const { timeoutMs } = testOptions;
  const pinned = await pinHost(host, where, testOptions);
  // mysql2 uses the stream it is given; TLS, if any, runs over it with the host's name.
  const stream = () => connect({ host, port, lookup: pinned.lookup });
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({ ...options, stream, connectTimeout: timeoutMs });
    await connection.query({ sql: 'SELECT 1', timeout: timeoutMs });
  } catch (error) {
    const { errno, message, sqlState } = error as { errno?: number; message?: string; sqlState?: string };
    if (errno === ACCESS_DENIED) throw new TestFailure(`authentication failed for user "${user}" on ${where}: ${message}`);
    if (sqlState) throw new TestFailure(`${message} on ${where}`);
    throw networkFailure(error, where, timeoutMs) ?? error;
  } finally {
    await connection?.end().catch(() => {});
  }
}

/** MySQL's ssl-mode; PREFERRED connects without TLS (mysql2 does not negotiate it opportunistically). */
export function mysqlSsl(mode: string): mysql.ConnectionOptions['ssl'] {
  if (mode === 'REQUIRED') return { rejectUnauthorized: false };
  if (mode === 'VERIFY_CA' || mode === 'VERIFY_IDENTITY') return { rejectUnauthorized: true };
  return undefined;
}

/** mysql: connect to host:port (and the database, if set) as the user with the password, then `SELECT 1`. */
export const testMysql: Tester = async (target, testOptions) => {
  const endpoint = endpointOf(target, 3306);
  if (!endpoint) throw new TestFailure('no host to connect to');
  const user = target.username ?? '';
  const options: mysql.ConnectionOptions = {
    ...endpoint,
    user,
    password: target.secret,
    database: text(target.extra.database) || undefined,
    ssl: mysqlSsl(text(target.extra.ssl_mode, 'PREFERRED')),
  };
  await mysqlSelectOne({ options, ...endpoint, user, where: `${endpoint.host}:${endpoint.port}` }, testOptions);
};
