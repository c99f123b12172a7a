import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { checkCredential, sshFingerprint, type TestTarget } from '#health-checks';

// ssh against a loopback ssh2 Server (password and public key), proxmox
// against a loopback HTTPS server with a self-signed certificate, and the
// plain TCP check.
const PASSWORD = 'Ssh-Right-Pass-3';
const TOKEN = '8a0c1c5e-2f7b-4c3e-9d41-6f0a9b2e7c11';
const hostKey = ssh2.utils.generateKeyPairSync('ed25519');
const clientKey = ssh2.utils.generateKeyPairSync('ed25519');
const strangerKey = ssh2.utils.generateKeyPairSync('ed25519');

const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;
const check = (target: TestTarget) => checkCredential(target, 3000);

describe('ssh', () => {
  let server: InstanceType<typeof ssh2.Server>;
  let port: number;
  const allowed = ssh2.utils.parseKey(clientKey.public) as ssh2.ParsedKey;

  beforeAll(async () => {
    server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client) => {
      client.on('error', () => {});
      client.on('authentication', (ctx) => {
        if (ctx.username !== 'deploy') return ctx.reject();
        if (ctx.method === 'password' && ctx.password === PASSWORD) return ctx.accept();
        if (ctx.method === 'publickey' && ctx.key.data.equals(allowed.getPublicSSH())) {
          if (!ctx.signature) return ctx.accept();
          return allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) ? ctx.accept() : ctx.reject();
        }
        ctx.reject();
      });
      client.on('ready', () => client.end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = portOf(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const login = (extra: Record<string, unknown>, secret: string): TestTarget => ({
    type: 'ssh',
    username: 'deploy',
    host: '127.0.0.1',
    extra: { port, ...extra },
    secret,
  });
  const pinned = () => sshFingerprint((ssh2.utils.parseKey(hostKey.public) as ssh2.ParsedKey).getPublicSSH());

  it('logs in with the password, or with the private key', async () => {
    expect(await check(login({ auth_method: 'password' }, PASSWORD))).toMatchObject({ ok: true });
    expect(await check(login({ auth_method: 'private_key' }, clientKey.private))).toMatchObject({ ok: true });
  });

  it('logs in with the private key stored under auth_method key', async () => {
    expect(await check(login({ auth_method: 'key' }, clientKey.private))).toMatchObject({ ok: true });
  });

  it('names the user a wrong password or an unknown key was refused for', async () => {
    const refused = `authentication failed for user "deploy" on 127.0.0.1:${port}`;
    expect(await check(login({ auth_method: 'password' }, 'Ssh-Wrong-Pass-4'))).toMatchObject({ ok: false, error: refused });
    const stranger = await check(login({ auth_method: 'private_key' }, strangerKey.private));
    expect(stranger).toMatchObject({ ok: false, error: refused });
  });

  it('checks the pinned host key before sending any credential', async () => {
    expect(await check(login({ auth_method: 'password', host_key_fingerprint: pinned() }, PASSWORD))).toMatchObject({ ok: true });
    const other = `SHA256:${'A'.repeat(43)}`;
    expect(await check(login({ auth_method: 'password', host_key_fingerprint: other }, PASSWORD))).toMatchObject({
      ok: false,
      error: `host key of 127.0.0.1:${port} is ${pinned()}, not the pinned ${other}`,
    });
  });

  it('reports an unusable private key without quoting it', async () => {
    const broken = '-----BEGIN OPENSSH PRIVATE KEY-----\nNotAKeyButStillSecretMaterial\n-----END OPENSSH PRIVATE KEY-----';
    const outcome = await check(login({ auth_method: 'private_key' }, broken));
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/^the private key cannot be used/) });
    expect(JSON.stringify(outcome)).not.toContain('NotAKeyButStillSecretMaterial');
  });
});

describe('proxmox (HTTPS with a self-signed certificate)', () => {
  let dir: string;
  let server: HttpsServer;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kl-proxmox-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const byToken = req.url === '/api2/json/version' && req.headers.authorization === `PVEAPIToken=automation@pve!ci=${TOKEN}`;
        const form = new URLSearchParams(body);
        const byTicket =
          req.url === '/api2/json/access/ticket' && form.get('username') === 'automation@pam' && form.get('password') === PASSWORD;
        res.writeHead(byToken || byTicket ? 200 : 401).end('{"data":{}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = portOf(server);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const pve = (extra: Record<string, unknown>, secret: string): TestTarget => ({
    type: 'proxmox',
    username: 'automation',
    host: '127.0.0.1',
    extra: { port, verify_tls: false, ...extra },
    secret,
  });

  it('authenticates with an API token (PVEAPIToken=user@realm!token=secret) on /api2/json/version', async () => {
    expect(await check(pve({ auth_method: 'api_token', realm: 'pve', token_name: 'ci' }, TOKEN))).toMatchObject({ ok: true });
    const wrong = await check(pve({ auth_method: 'api_token', realm: 'pve', token_name: 'ci' }, '00000000-0000-4000-8000-000000000000'));
    expect(wrong).toMatchObject({
      ok: false,
      error: `HTTP 401 from https://127.0.0.1:${port}/api2/json/version: the credentials were refused`,
    });
  });

  it('takes the realm of a user given as user@realm over the realm setting', async () => {
    const withRealm = { ...pve({ auth_method: 'api_token', realm: 'pam', token_name: 'ci' }, TOKEN), username: 'automation@pve' };
    expect(await check(withRealm)).toMatchObject({ ok: true });
  });

  it('logs in for a ticket with a password', async () => {
    expect(await check(pve({ auth_method: 'password', realm: 'pam' }, PASSWORD))).toMatchObject({ ok: true });
    expect(await check(pve({ auth_method: 'password', realm: 'pam' }, 'nope'))).toMatchObject({ ok: false });
  });

  it('refuses the self-signed certificate unless TLS verification is turned off', async () => {
    const verified = await check(pve({ auth_method: 'api_token', realm: 'pve', token_name: 'ci', verify_tls: true }, TOKEN));
    expect(verified).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^TLS certificate of https:\/\/127\.0\.0\.1:\d+\/api2\/json\/version is self-signed/),
    });
  });
});

describe('TCP connect (types without a check of their own)', () => {
  let server: TcpServer;
  beforeAll(async () => {
    server = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes when the host accepts connections on the port, and says when it refuses them', async () => {
    const rdp = (port: number): TestTarget => ({ type: 'rdp', username: 'admin', host: '127.0.0.1', extra: { port }, secret: 'x' });
    expect(await check(rdp(portOf(server)))).toMatchObject({ ok: true });
    expect(await check(rdp(1))).toMatchObject({ ok: false, error: 'connection refused by 127.0.0.1:1' });
  });
});
