import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { KeyledgerClient, NetworkError } from '#client';
import { createCa, createServerCertificate, type Issued } from '../support/certificates.js';
import { cliFor } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { live, type LiveProcess } from '../support/live-process.js';
import { ADMIN_TOKEN, openAiCredential, testEnv } from '../support/api.js';
import { closedPort } from '../support/ports.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

// The compiled API, started as an operator starts it, with a certificate of
// a CA made for this file: HTTPS only, TLS 1.2 at least, HSTS, clients that
// trust the CA and clients that do not, and a certificate swapped on SIGHUP.
const API_MAIN = fileURLToPath(new URL('../../dist/apps/api/src/main.js', import.meta.url));
const prefix = testRedisPrefix('tls');
const dir = mkdtempSync(join(tmpdir(), 'kl-tls-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const ca = createCa('Keyledger Test CA one');
const otherCa = createCa('Keyledger Test CA two');
const caFile = file('ca.pem', ca.cert);
const otherCaFile = file('other-ca.pem', otherCa.cert);
const certFile = file('server.crt', '');
const keyFile = file('server.key', '');
const install = (issued: Issued) => {
  writeFileSync(certFile, issued.cert);
  writeFileSync(keyFile, issued.key);
};

let db: TestDatabase;
let api: LiveProcess;
let port: number;
let addr: string;

beforeAll(async () => {
  install(createServerCertificate(ca));
  db = await createTestDatabase('tls');
  await deleteRedisKeys(prefix);
  port = await closedPort();
  addr = `https://127.0.0.1:${port}`;
  const env = testEnv(db.url, {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    PORT: String(port),
    HOST: '127.0.0.1',
    KEYLEDGER_REDIS_PREFIX: prefix,
    KEYLEDGER_TLS_CERT: certFile,
    KEYLEDGER_TLS_KEY: keyFile,
  });
  api = live(spawn(process.execPath, [API_MAIN], { env, stdio: ['pipe', 'pipe', 'pipe'] }), 300_000);
  await api.waitFor('serving HTTPS', 90_000);
}, 120_000);

afterAll(async () => {
  api?.kill('SIGTERM');
  await api?.exit();
  await db?.close();
  await deleteRedisKeys(prefix);
  rmSync(dir, { recursive: true, force: true });
});

const client = (options: { ca?: string } = {}) => new KeyledgerClient({ addr, token: ADMIN_TOKEN, retry: false, ...options });

/** A GET over node:https trusting `trusted`; its status and headers, or the error code. */
function get(path: string, trusted: string, headers: Record<string, string> = {}) {
  return new Promise<{ status?: number; headers?: Record<string, unknown>; error?: string }>((resolve) => {
    const req = request(`${addr}${path}`, { ca: trusted, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
    req.end();
  });
}

/** The certificate a new TLS connection is served, or the handshake's error code. */
function handshake(options: { ca: string; minVersion?: 'TLSv1.1' | 'TLSv1.2'; maxVersion?: 'TLSv1.1' | 'TLSv1.2' }) {
  return new Promise<{ subject?: string; protocol?: string | null; error?: string }>((resolve) => {
    const socket = connectTls({
      host: '127.0.0.1',
      port,
      servername: 'localhost',
      ...options,
      // OpenSSL's default security level refuses TLS 1.1 on the client side already; lower it so the server has to refuse.
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      resolve({ subject: socket.getPeerCertificate().subject?.CN as string, protocol: socket.getProtocol() });
      socket.end();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
  });
}

describe('the API over TLS', () => {
  it('says at start-up that it serves HTTPS', () => {
    expect(api.output()).toMatch(new RegExp(`serving HTTPS \\(TLS 1\\.2 or later\\) on 127\\.0\\.0\\.1:${port}`));
  });

  it('serves the client that trusts its CA: a credential created and revealed', async () => {
    const trusting = client({ ca: ca.cert });
    const created = await trusting.transport.request<{ id: string }>('POST', '/v1/credentials', { body: openAiCredential('over-tls') });
    expect(created.status).toBe(201);
    const revealed = await trusting.getSecret(created.body.id);
    expect(revealed).toMatchObject({ id: created.body.id, name: 'over-tls', secret: openAiCredential('x').secret });
  });

  it('is refused by a client that does not trust its CA, with a reason and without retries', async () => {
    const retries: unknown[] = [];
    const untrusting = new KeyledgerClient({ addr, token: ADMIN_TOKEN, onRetry: (info) => retries.push(info) });
    const error = await untrusting.transport.request('GET', '/v1/templates').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(
      `cannot reach ${addr}: TLS certificate not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE): trust the CA that signed it`,
    );
    expect(retries).toEqual([]);
    await expect(client({ ca: otherCa.cert }).transport.request('GET', '/v1/templates')).rejects.toThrow(/TLS certificate not trusted/);
  });

  it('serves the CLI that trusts its CA through --cacert or KEYLEDGER_CACERT, and refuses it otherwise', async () => {
    const cli = cliFor(addr, ADMIN_TOKEN);
    const byFlag = await cli(['--cacert', caFile, 'templates', 'list']);
    expect(byFlag.stderr).toBe('');
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout).toMatch(/openai/);
    const byEnv = await cli(['templates', 'list'], { env: { KEYLEDGER_CACERT: caFile } });
    expect(byEnv.code).toBe(0);
    expect(byEnv.stdout).toMatch(/openai/);

    const without = await cli(['templates', 'list']);
    expect(without.code).toBe(1);
    expect(without.stderr).toMatch(/TLS certificate not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/);
    const wrongCa = await cli(['--cacert', otherCaFile, 'templates', 'list']);
    expect(wrongCa.code).toBe(1);
    expect(wrongCa.stderr).toMatch(/TLS certificate not trusted/);
    const missing = await cli(['--cacert', join(dir, 'absent.pem'), 'templates', 'list']);
    expect(missing.stderr).toBe(`keyledger: cannot read the CA file ${join(dir, 'absent.pem')} (ENOENT)\n`);
    // Five CLI processes: slow on a loaded machine.
  }, 120_000);

  it('answers nothing over plain HTTP on its port', async () => {
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    const answer = await new Promise<string>((resolve) => {
      let received = '';
      const socket = connectTcp(port, '127.0.0.1', () => socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n'));
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
      socket.on('error', () => resolve(received));
    });
    expect(answer).not.toMatch(/^HTTP\/1\.1 2/);
    expect(answer).not.toContain('"status"');
  });

  it('refuses TLS 1.1 and accepts TLS 1.2', async () => {
    const tls11 = await handshake({ ca: ca.cert, minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1' });
    // The server's alert: "protocol version" (the client offered what the server does not speak).
    expect(tls11.error).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
    expect(await handshake({ ca: ca.cert, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).toEqual({
      subject: 'localhost',
      protocol: 'TLSv1.2',
    });
  });

  it('sends Strict-Transport-Security on every answer: success, 401, 404', async () => {
    const hsts = 'max-age=31536000; includeSubDomains';
    const live = await get('/health/live', ca.cert);
    expect(live).toMatchObject({ status: 200, headers: { 'strict-transport-security': hsts } });
    expect(await get('/v1/credentials', ca.cert)).toMatchObject({ status: 401, headers: { 'strict-transport-security': hsts } });
    expect(await get('/no/such/route', ca.cert)).toMatchObject({ status: 404, headers: { 'strict-transport-security': hsts } });
    const listed = await get('/v1/credentials', ca.cert, { authorization: `Bearer ${ADMIN_TOKEN}` });
    expect(listed).toMatchObject({ status: 200, headers: { 'strict-transport-security': hsts } });
  });

  it('reloads its certificate on SIGHUP without closing the listener, and keeps it when the new files are bad', async () => {
    const before = await handshake({ ca: ca.cert });
    expect(before.subject).toBe('localhost');

    install(createServerCertificate(otherCa, 'localhost'));
    api.kill('SIGHUP');
    await api.waitFor('TLS certificate and key reloaded');
    expect(await handshake({ ca: otherCa.cert })).toMatchObject({ subject: 'localhost', protocol: 'TLSv1.3' });
    expect((await handshake({ ca: ca.cert })).error).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(await client({ ca: otherCa.cert }).transport.request('GET', '/health/live')).toMatchObject({ status: 200 });

    writeFileSync(certFile, 'not a certificate');
    api.kill('SIGHUP');
    await api.waitFor('TLS reload failed, keeping the current certificate: KEYLEDGER_TLS_CERT is not a PEM certificate');
    expect(await handshake({ ca: otherCa.cert })).toMatchObject({ subject: 'localhost' });
    expect(api.output()).not.toContain('PRIVATE KEY');
  });
});
