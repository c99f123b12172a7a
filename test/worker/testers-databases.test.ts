import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import mysql from 'mysql2/promise';
import { checkCredential, type TestTarget } from '#health-checks';
import { testResourceName } from '../support/namespace.js';

// The database testers against the local servers. The local Postgres trusts
// every connection from 127.0.0.1 (any password works for an existing role),
// so its failures are checked with a role and a database that do not exist:
// the server refuses those during authentication, as it would a password.
// MariaDB and a private redis-server (own port, --requirepass) check real
// wrong-password failures.
const TIMEOUT = 5000;
const check = (target: TestTarget) => checkCredential(target, TIMEOUT);
const target = (type: string, fields: Partial<TestTarget>): TestTarget => ({
  type,
  username: null,
  host: '127.0.0.1',
  extra: {},
  secret: '',
  ...fields,
});

describe('postgres', () => {
  const pg = (username: string, database = 'postgres', port = 5432) =>
    target('postgres', { username, secret: 'pg-Secret-value-1', extra: { port, database, sslmode: 'prefer' } });

  it('connects and runs SELECT 1', async () => {
    expect(await check(pg('postgres'))).toMatchObject({ ok: true });
  });

  it('names the user refused during authentication, and the missing database', async () => {
    expect(await check(pg('kl_no_such_role'))).toMatchObject({
      ok: false,
      error: 'authentication failed for user "kl_no_such_role" on 127.0.0.1:5432: role "kl_no_such_role" does not exist',
    });
    expect(await check(pg('postgres', 'kl_no_such_database'))).toMatchObject({
      ok: false,
      error: 'database "kl_no_such_database" does not exist (SQLSTATE 3D000) on 127.0.0.1:5432',
    });
  });

  it('reports a refused connection', async () => {
    expect(await check(pg('postgres', 'postgres', 1))).toMatchObject({ ok: false, error: 'connection refused by 127.0.0.1:1' });
  });
});

describe('db_dsn', () => {
  it('tests a PostgreSQL DSN and never repeats its password', async () => {
    const good = target('db_dsn', {
      host: null,
      secret: 'postgres://postgres:Dsn-Pass-42@127.0.0.1:5432/postgres',
      extra: { driver: 'postgres' },
    });
    expect(await check(good)).toMatchObject({ ok: true });
    const bad = { ...good, secret: 'postgres://kl_no_such_role:Dsn-Pass-42@127.0.0.1:5432/postgres' };
    const outcome = await check(bad);
    expect(outcome).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^authentication failed for user "kl_no_such_role" on 127.0.0.1:5432/),
    });
    expect(JSON.stringify(outcome)).not.toContain('Dsn-Pass-42');
  });

  it('tests a password with host, port, database and a driver spelled postgresql', async () => {
    const parts = target('db_dsn', {
      username: 'postgres',
      secret: 'Parts-Pass-43',
      extra: { host: '127.0.0.1', port: 5432, database: 'postgres', driver: 'postgresql', secret_format: 'password' },
    });
    expect(await check(parts)).toMatchObject({ ok: true });
    const outcome = await check({ ...parts, extra: { ...parts.extra, database: 'kl_no_such_database' } });
    expect(outcome).toMatchObject({
      ok: false,
      error: 'database "kl_no_such_database" does not exist (SQLSTATE 3D000) on 127.0.0.1:5432',
    });
    expect(JSON.stringify(outcome)).not.toContain('Parts-Pass-43');
  });

  it('connects to the host and port of other drivers', async () => {
    const mongo = target('db_dsn', { host: null, secret: 'mongodb://u:p@127.0.0.1:1/db', extra: { driver: 'mongodb' } });
    expect(await check(mongo)).toMatchObject({ ok: false, error: 'connection refused by 127.0.0.1:1' });
  });
});

describe('mysql (local MariaDB)', () => {
  const user = testResourceName('worker_testers').slice(0, 32);
  const password = 'Maria-Right-Pass-7';
  let root: mysql.Connection;

  beforeAll(async () => {
    root = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    await root.query(`DROP USER IF EXISTS ?@'%'`, [user]);
    await root.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, password]);
  });
  afterAll(async () => {
    await root.query(`DROP USER IF EXISTS ?@'%'`, [user]);
    await root.end();
  });

  const my = (secret: string) => target('mysql', { username: user, secret, extra: { port: 3306, ssl_mode: 'PREFERRED' } });

  it('connects with the right password and runs SELECT 1', async () => {
    expect(await check(my(password))).toMatchObject({ ok: true });
    const dsn = target('db_dsn', { host: null, secret: `mysql://${user}:${password}@127.0.0.1:3306/`, extra: { driver: 'mysql' } });
    expect(await check(dsn)).toMatchObject({ ok: true });
  });

  it('refuses a wrong password, naming the user', async () => {
    const outcome = await check(my('Maria-Wrong-Pass-8'));
    expect(outcome).toMatchObject({
      ok: false,
      error: expect.stringMatching(new RegExp(`^authentication failed for user "${user}" on 127.0.0.1:3306: Access denied`)),
    });
    expect(JSON.stringify(outcome)).not.toContain('Maria-Wrong-Pass-8');
  });
});

describe('redis (a private redis-server with --requirepass)', () => {
  const password = 'Redis-Right-Pass-9';
  let server: ChildProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--requirepass', password, '--save', '', '--appendonly', 'no'],
      { stdio: 'pipe' },
    );
    await waitForOutput(server, /Ready to accept connections/);
  });
  afterAll(async () => {
    server.kill('SIGTERM');
    await once(server, 'exit');
  });

  const rd = (secret: string) => target('redis', { secret, extra: { port, db: 0, tls: false } });

  it('authenticates and answers PING', async () => {
    expect(await check(rd(password))).toMatchObject({ ok: true });
  });

  it('refuses a wrong password, naming the user', async () => {
    const outcome = await check(rd('Redis-Wrong-Pass-0'));
    expect(outcome).toEqual({
      ok: false,
      durationMs: expect.any(Number),
      error: `authentication failed for user "default" on 127.0.0.1:${port}`,
    });
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<void> {
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in: ${output}`)), 10000);
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
