import { mysqlSelectOne } from './mysql.js';
import { pgSelectOne } from './postgres.js';
import { connectTcp } from './tcp.js';
import { TestFailure, text, type Tester } from './tester.js';

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, sqlserver: 1433, mongodb: 27017 };

/**
 * db_dsn: the whole connection string is the secret. PostgreSQL and MySQL
 * DSNs connect and run `SELECT 1`; other drivers get a TCP connect to the
 * DSN's host and port.
 */
export const testDbDsn: Tester = async (target, { timeoutMs }) => {
  const url = URL.parse(target.secret);
  if (!url || !url.hostname) throw new TestFailure('the connection string is not a URL with a host');
  const driver = text(target.extra.driver, 'postgres');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[driver];
  if (port === undefined) throw new TestFailure(`the connection string names no port for driver ${driver}`);
  const where = `${url.hostname}:${port}`;
  const user = decodeURIComponent(url.username);
  if (driver === 'postgres') return pgSelectOne({ config: { connectionString: target.secret }, user, where }, timeoutMs);
  if (driver === 'mysql') return mysqlSelectOne({ options: { uri: target.secret }, user, where }, timeoutMs);
  return connectTcp(url.hostname, port, timeoutMs);
};
