import { settingOf } from '#domain';
import { mysqlSelectOne } from './mysql.js';
import { pgSelectOne } from './postgres.js';
import { connectTcp } from './tcp.js';
import { endpointOf, TestFailure, text, type TestTarget, type Tester } from './tester.js';

const DEFAULT_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, sqlserver: 1433, mongodb: 27017 };

/**
 * db_dsn: a whole connection string, or a password with host, port,
 * database and user (extra.secret_format). PostgreSQL and MySQL connect and
 * run `SELECT 1`; other drivers get a TCP connect to the host and port.
 */
export const testDbDsn: Tester = (target, options) =>
  text(target.extra.secret_format, 'dsn') === 'password' ? testParts(target, options) : testConnectionString(target, options);

const driverOf = (target: TestTarget): string => text(settingOf('db_dsn', target.extra, 'driver'), 'postgres');

const testConnectionString: Tester = async (target, options) => {
  const url = URL.parse(target.secret);
  if (!url || !url.hostname) throw new TestFailure('the connection string is not a URL with a host');
  const driver = driverOf(target);
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[driver];
  if (port === undefined) throw new TestFailure(`the connection string names no port for driver ${driver}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const where = `${url.hostname}:${port}`;
  const user = decodeURIComponent(url.username);
  if (driver === 'postgres') return pgSelectOne({ config: { connectionString: target.secret }, host, user, where }, options);
  if (driver === 'mysql') return mysqlSelectOne({ options: { uri: target.secret }, host, port, user, where }, options);
  return connectTcp(host, port, options);
};

const testParts: Tester = async (target, options) => {
  const driver = driverOf(target);
  const endpoint = endpointOf(target, DEFAULT_PORTS[driver]);
  if (!endpoint) throw new TestFailure(target.host ? `no port for driver ${driver}` : 'no host to connect to');
  const where = `${endpoint.host}:${endpoint.port}`;
  const user = target.username ?? '';
  const database = text(target.extra.database) || undefined;
  if (driver === 'postgres') {
    const config = { ...endpoint, user, password: target.secret, database, ssl: false };
    return pgSelectOne({ config, host: endpoint.host, user, where }, options);
  }
  if (driver === 'mysql') {
    return mysqlSelectOne({ options: { ...endpoint, user, password: target.secret, database }, ...endpoint, user, where }, options);
  }
  return connectTcp(endpoint.host, endpoint.port, options);
};
