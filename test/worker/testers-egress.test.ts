import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { healthCheckEgress, parseCidr } from '#egress';
import { checkCredential, type TestTarget } from '#health-checks';
import { startTestApi, type TestApi } from '../support/api.js';
import { answer, startLoopbackHttp, type LoopbackHttp } from '../support/loopback-http.js';
import { tableResolver } from '../support/table-resolver.js';

// Every tester connects only where the egress policy allows, to the address
// it checked. Names resolve through a table (never the system's DNS): a name
// mapped to a refused address is refused before any connection, and a name
// the system cannot resolve but the table maps to loopback reaches the local
// server, which shows the tester connected to the pinned address and made no
// lookup of its own.
const TABLE: Record<string, string[]> = {
  'imds.test': ['169.254.169.254'],
  'imds6.test': ['fd00:ec2::254'],
  'mapped.test': ['::ffff:169.254.169.254'],
  'linklocal.test': ['fe80::1'],
  'rebind.test': ['127.0.0.1', '169.254.10.20'],
  'metadata.google.internal': ['127.0.0.1'],
  'local.test': ['127.0.0.1'],
};
const { resolver, asked } = tableResolver(TABLE);
const egress = healthCheckEgress({ allow: [], webhookAllowPrivate: false }, resolver);
const SECRET = 'Egress-Test-Secret-0123456789';

let site: LoopbackHttp;
let tcp: Server;
let tcpPort: number;
let tcpConnections = 0;

beforeAll(async () => {
  site = await startLoopbackHttp((req, res) => answer(res, req.headers.authorization !== undefined));
  tcp = createServer((socket) => {
    tcpConnections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  tcpPort = (tcp.address() as AddressInfo).port;
});
afterAll(async () => {
  await site.close();
  await new Promise((resolve) => tcp.close(resolve));
});

const sitePort = () => new URL(site.url).port;
const target = (type: string, host: string | null, extra: Record<string, unknown>, username: string | null = 'app'): TestTarget => ({
  type,
  username,
  host,
  extra,
  secret: SECRET,
});

/** One credential of each kind of connection a tester makes, aimed at `host`. */
const targets = (host: string): [string, TestTarget][] => {
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return [
    ['http (http_basic)', target('http_basic', null, { url: `http://${bracketed}:${sitePort()}/status` })],
    ['tcp (custom)', target('custom', host, { port: tcpPort })],
    ['postgres', target('postgres', host, { port: 5432, database: 'postgres' }, 'postgres')],
    ['mysql', target('mysql', host, { port: 3306 })],
    ['redis', target('redis', host, { port: 6379 }, null)],
    ['ssh', target('ssh', host, { port: 22, auth_method: 'password' })],
    ['db_dsn (URL)', { ...target('db_dsn', null, { driver: 'postgres' }), secret: `postgres://app:${SECRET}@${bracketed}:5432/db` }],
  ];
};

describe('health checks refuse link-local and cloud metadata addresses, after resolving', () => {
  it.each([
    ['imds.test', 'imds.test resolves to a cloud metadata address'],
    ['imds6.test', 'imds6.test resolves to a cloud metadata address'],
    ['mapped.test', 'mapped.test resolves to a cloud metadata address'],
    ['linklocal.test', 'linklocal.test resolves to a link-local address'],
    ['rebind.test', 'rebind.test resolves to a link-local address'],
    ['metadata.google.internal', 'metadata.google.internal resolves to a cloud metadata address'],
    ['169.254.169.254', '169.254.169.254 resolves to a cloud metadata address'],
    // A URL writes an IPv4-mapped address in hex.
    ['::ffff:169.254.169.254', /^(::ffff:169\.254\.169\.254|::ffff:a9fe:a9fe) resolves to a cloud metadata address$/],
  ])('%s, for every kind of tester, without connecting', async (host, message: string | RegExp) => {
    const seenBefore = site.seen.length;
    const connectionsBefore = tcpConnections;
    for (const [kind, credential] of targets(host)) {
      const outcome = await checkCredential(credential, 2000, undefined, egress);
      expect({ kind, outcome }).toEqual({
        kind,
        outcome: {
          ok: false,
          durationMs: expect.any(Number),
          error: typeof message === 'string' ? `egress refused: ${message}` : expect.stringMatching(/^egress refused: /),
        },
      });
      if (typeof message !== 'string') expect(outcome.ok || outcome.error.slice('egress refused: '.length)).toMatch(message);
    }
    expect(site.seen.length).toBe(seenBefore);
    expect(tcpConnections).toBe(connectionsBefore);
  });

  it('refuses them by default, without a configured policy', async () => {
    const outcome = await checkCredential(target('http_basic', null, { url: 'http://169.254.169.254/latest/meta-data/' }), 2000);
    expect(outcome).toMatchObject({ ok: false, error: 'egress refused: 169.254.169.254 resolves to a cloud metadata address' });
  });

  it('lets an allow-listed network through', async () => {
    const allowing = healthCheckEgress(
      { allow: [parseCidr('169.254.10.0/24')!, parseCidr('169.254.169.254')!], webhookAllowPrivate: false },
      resolver,
    );
    const outcome = await checkCredential(target('custom', 'rebind.test', { port: tcpPort }), 2000, undefined, allowing);
    expect(outcome).toMatchObject({ ok: true });
  });
});

describe('health checks connect to the address they checked', () => {
  it('reaches loopback servers by a name only the policy resolves: HTTP, TCP, Postgres, Redis', async () => {
    const seenBefore = site.seen.length;
    const connectionsBefore = tcpConnections;
    asked.length = 0;
    expect(
      await checkCredential(target('http_basic', null, { url: `http://local.test:${sitePort()}/status` }), 3000, undefined, egress),
    ).toMatchObject({
      ok: true,
    });
    expect(site.seen.length).toBe(seenBefore + 1);
    expect(site.seen.at(-1)!.headers.host).toBe(`local.test:${sitePort()}`);
    expect(await checkCredential(target('custom', 'local.test', { port: tcpPort }), 3000, undefined, egress)).toMatchObject({ ok: true });
    expect(tcpConnections).toBe(connectionsBefore + 1);
    // The local Postgres trusts loopback: the password is not asked for.
    const pg = target('postgres', 'local.test', { port: 5432, database: 'postgres', sslmode: 'disable' }, 'postgres');
    expect(await checkCredential(pg, 5000, undefined, egress)).toMatchObject({ ok: true });
    const dsn = { ...target('db_dsn', null, { driver: 'postgres' }), secret: `postgres://postgres:${SECRET}@local.test:5432/postgres` };
    expect(await checkCredential(dsn, 5000, undefined, egress)).toMatchObject({ ok: true });
    // The local Redis has no password: ioredis then goes on without one, and PING answers.
    expect(await checkCredential(target('redis', 'local.test', { port: 6379 }, null), 3000, undefined, egress)).toMatchObject({ ok: true });
    // One lookup per check, by the policy; none by the client libraries.
    expect(asked).toEqual(['local.test', 'local.test', 'local.test', 'local.test', 'local.test']);
  });
});

describe('POST /v1/credentials/test', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('egress_unsaved');
  });
  afterAll(() => api.close());

  it('answers a credential aimed at a metadata address with the refusal, and records it', async () => {
    const reply = await api.request('POST', '/v1/credentials/test', {
      body: { name: 'imds', type: 'http_basic', username: 'x', secret: SECRET, extra: { url: 'http://169.254.169.254/latest/meta-data/' } },
    });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({
      ok: false,
      checked: true,
      message: 'egress refused: 169.254.169.254 resolves to a cloud metadata address',
    });
    const [recorded] = await api.orm.em
      .fork()
      .execute<{ data: { error: string } }[]>(
        `select data from kl_events where type = 'UnsavedCredentialTested' order by global_position desc limit 1`,
      );
    expect(recorded!.data.error).toBe('egress refused: 169.254.169.254 resolves to a cloud metadata address');
  });
});
