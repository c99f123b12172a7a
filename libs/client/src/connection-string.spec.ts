import { connectionString } from './connection-string.js';

const base = { username: 'app user', secret: 'p@ss:w/rd?', extra: {} as Record<string, unknown> };

it('builds a PostgreSQL URL with encoded user, password and database, and sslmode', () => {
  const url = connectionString({
    ...base,
    type: 'postgres',
    host: 'db.internal',
    extra: { port: 6432, database: 'bill ing', sslmode: 'require' },
  });
  expect(url).toBe('postgresql://app%20user:p%40ss%3Aw%2Frd%3F@db.internal:6432/bill%20ing?sslmode=require');
  const parsed = new URL(url);
  expect(decodeURIComponent(parsed.password)).toBe(base.secret);
});

it('builds MySQL and Redis URLs with their defaults', () => {
  expect(connectionString({ ...base, type: 'mysql', host: 'my', extra: { ssl_mode: 'PREFERRED' } })).toBe(
    'mysql://app%20user:p%40ss%3Aw%2Frd%3F@my:3306/',
  );
  expect(connectionString({ ...base, type: 'mysql', host: 'my', extra: { database: 'x', ssl_mode: 'REQUIRED' } })).toMatch(
    /\/x\?ssl-mode=REQUIRED$/,
  );
  expect(connectionString({ ...base, username: null, type: 'redis', host: 'cache', extra: { tls: true, db: 2 } })).toBe(
    'rediss://:p%40ss%3Aw%2Frd%3F@cache:6379/2',
  );
});

it('brackets IPv6 hosts and returns a db_dsn secret as it is', () => {
  expect(connectionString({ ...base, type: 'postgres', host: '::1', extra: {} })).toContain('@[::1]:5432/postgres');
  expect(connectionString({ ...base, type: 'db_dsn', secret: 'sqlserver://x' })).toBe('sqlserver://x');
});

it('refuses credentials that are not databases, or have no host', () => {
  expect(() => connectionString({ ...base, type: 'openai' })).toThrow('not a database credential');
  expect(() => connectionString({ ...base, type: 'postgres' })).toThrow('has no host');
});
