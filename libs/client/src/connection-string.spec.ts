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

it('builds a db_dsn held as a password from its host, port, database, user and driver', () => {
  const parts = { ...base, type: 'db_dsn', host: 'db.example.com' };
  expect(connectionString({ ...parts, extra: { secret_format: 'password', port: 5433, database: 'prod_db', driver: 'postgresql' } })).toBe(
    'postgresql://app%20user:p%40ss%3Aw%2Frd%3F@db.example.com:5433/prod_db',
  );
  expect(connectionString({ ...parts, extra: { secret_format: 'password', driver: 'mysql' } })).toBe(
    'mysql://app%20user:p%40ss%3Aw%2Frd%3F@db.example.com:3306/',
  );
  expect(connectionString({ ...parts, host: null, extra: { secret_format: 'password', host: 'h' } })).toMatch(/@h:5432\/$/);
  expect(() => connectionString({ ...parts, extra: { secret_format: 'password', driver: 'other' } })).toThrow('no URL scheme');
  expect(connectionString({ ...parts, secret: 'postgres://a:b@c/d', extra: { secret_format: 'dsn' } })).toBe('postgres://a:b@c/d');
});

it('refuses credentials that are not databases, or have no host', () => {
  expect(() => connectionString({ ...base, type: 'openai' })).toThrow('not a database credential');
  expect(() => connectionString({ ...base, type: 'postgres' })).toThrow('has no host');
});
