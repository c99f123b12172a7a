import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropDatabase } from '#database';
import { SERVICE_NODE_FLAGS } from '#runtime';
import { testEnv } from '../support/api.js';
import { testDatabaseName, testDatabaseUrl } from '../support/database.js';
import { live, type LiveProcess } from '../support/live-process.js';
import { closedPort } from '../support/ports.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

// `npm start` as an operator runs it (its build step aside: `npm test` has
// built already, and --ignore-scripts skips only the prestart build).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = join(ROOT, 'dist/scripts/start.js');
const SUITE = 'startup_npm_start';
const url = testDatabaseUrl(testDatabaseName(SUITE));
const prefix = testRedisPrefix(SUITE);
// The development keyring is new, so it gets a database of its own.
const localUrl = testDatabaseUrl(testDatabaseName(`${SUITE}_local`));

beforeAll(async () => {
  await dropDatabase(url);
  await dropDatabase(localUrl);
});

afterAll(async () => {
  await dropDatabase(url);
  await dropDatabase(localUrl);
  await deleteRedisKeys(prefix);
});

function baseEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? tmpdir(),
    DATABASE_URL: url,
    KEYLEDGER_REDIS_PREFIX: prefix,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

/** Every process below `pid`, from the process table. */
function descendants(pid: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** A process's command line and environment, from /proc. */
function processInfo(pid: number): { command: string; env: Record<string, string> } {
  const read = (file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0');
  const env = Object.fromEntries(read('environ').map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  return { command: read('cmdline').join(' '), env };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const STARTED = '"msg":"keyledger started"';

describe.each(['SIGTERM', 'SIGINT'] as const)('npm start, then %s', (signal) => {
  it('stops the API and the worker, leaves no process behind and frees the port', async () => {
    const port = await closedPort();
    const npm = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
      cwd: ROOT,
      env: baseEnv(port, testEnv(url) as Record<string, string>),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const started = live(npm, 60_000);
    await started.waitFor(STARTED, 45_000);
    const children = descendants(npm.pid!);
    // npm's shell replaced by start.js (exec), then the API and the worker.
    expect(children.length).toBeGreaterThanOrEqual(3);
    expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    const services = children.map(processInfo).filter((info) => /dist\/apps\/(api|worker)\/src\/main\.js/.test(info.command));
    expect(services).toHaveLength(2);
    for (const { env } of services) {
      expect(env.NODE_OPTIONS).toBe(SERVICE_NODE_FLAGS.join(' '));
      expect(env.MALLOC_ARENA_MAX).toBe('2');
    }

    npm.kill(signal);
    expect(await started.exit()).toBe(0);
    await waitUntil(() => children.every((pid) => !alive(pid)));
    expect(children.filter(alive)).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
  }, 90_000);
});

describe('with no master key configured', () => {
  const runStart = (cwd: string, env: Record<string, string>): LiveProcess =>
    live(spawn(process.execPath, [START], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] }), 60_000);

  it('makes a development keyring once, mode 600, reuses it, and says so in one line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kl-start-'));
    const port = await closedPort();
    const first = runStart(cwd, baseEnv(port, { DATABASE_URL: localUrl }));
    await first.waitFor(STARTED, 45_000);
    const file = join(cwd, '.keyledger/local.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(cwd, '.keyledger')).mode & 0o777).toBe(0o700);
    const notes = first
      .output()
      .split('\n')
      .filter((line) => line.startsWith('keyledger: no master key'));
    expect(notes).toEqual([expect.stringContaining('made a development keyring and admin token in .keyledger/local.env')]);
    const text = readFileSync(file, 'utf8');
    const token = /^KEYLEDGER_BOOTSTRAP_TOKEN=(\S+)$/m.exec(text)?.[1];
    expect(token).toBeDefined();
    expect(text).toMatch(/^KEYLEDGER_MASTER_KEYS=local:[A-Za-z0-9+/]{43}=$/m);
    expect(text).toContain(`KEYLEDGER_TOKEN=${token}`);
    // The token never reaches the output, only the file's name does.
    expect(first.output()).not.toContain(token);
    const list = () => fetch(`http://127.0.0.1:${port}/v1/credentials`, { headers: { authorization: `Bearer ${token}` } });
    expect((await list()).status).toBe(200);
    first.kill('SIGTERM');
    expect(await first.exit()).toBe(0);

    const second = runStart(cwd, baseEnv(port, { DATABASE_URL: localUrl }));
    await second.waitFor(STARTED, 45_000);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(second.output()).toContain(
      'keyledger: no master key configured: using the development keyring and admin token in .keyledger/local.env',
    );
    expect((await list()).status).toBe(200);
    second.kill('SIGINT');
    expect(await second.exit()).toBe(0);
  }, 120_000);

  it('in production, stops with the one-line master-key error and makes no file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'kl-start-'));
    const proc = runStart(cwd, baseEnv(await closedPort(), { NODE_ENV: 'production' }));
    expect(await proc.exit()).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^keyledger: .*KEYLEDGER_MASTER_KEY/);
    expect(() => statSync(join(cwd, '.keyledger'))).toThrow();
  });
});

async function waitUntil(done: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}
