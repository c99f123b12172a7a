import mysql from 'mysql2/promise';
import { networkFailure } from './network-failure.js';
import { endpointOf, TestFailure, text, type Tester } from './tester.js';

export interface MysqlTarget {
  options: mysql.ConnectionOptions;
  user: string;
  where: string;
}

const ACCESS_DENIED = 1045;

/** Connects and runs `SELECT 1`. MySQL's messages name the account ('app'@'host'), never the password. */
export async function mysqlSelectOne({ options, user, where }: MysqlTarget, timeoutMs: number): Promise<void> {
  let connection: mysql.Connection | undefined;
  try {
    connection = await mysql.createConnection({ ...options, connectTimeout: timeoutMs });
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
export const testMysql: Tester = async (target, { timeoutMs }) => {
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
  await mysqlSelectOne({ options, user, where: `${endpoint.host}:${endpoint.port}` }, timeoutMs);
};
