import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { closedPort } from './ports.js';

// Entry points run compiled (npm test builds first), as an operator would.
const dist = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));

export interface Run {
  code: number | null;
  stderr: string;
  stdout: string;
  /** SIGTERM or `signal` (if still running), then the exit code (null when a signal ended it). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs a compiled entry point. Without `until`, waits for it to exit; with
 * it, returns once its stdout satisfies `until` (or it exited, or `waitMs` passed).
 */
export async function run(entry: string, env: NodeJS.ProcessEnv, until?: (out: string) => boolean, waitMs = 45_000): Promise<Run> {
  const child = spawn(process.execPath, [dist(entry)], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  if (until) {
    const deadline = Date.now() + waitMs;
    while (!until(stdout) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    return {
      code: child.exitCode,
      get stdout() {
        return stdout;
      },
      get stderr() {
        return stderr;
      },
      kill: async (signal = 'SIGTERM') => {
        child.kill(signal);
        return exited;
      },
    };
  }
  const code = await exited;
  return { code, stdout, stderr, kill: async () => code };
}

export interface ApiRun extends Run {
  /** `http://127.0.0.1:<port>`: where it serves. */
  url: string;
}

// Several processes starting at once on a busy machine take their time.
const START_MS = 240_000;

/** The compiled API on a free loopback port, once it serves; throws with its output if it exited first. */
export async function runApi(env: NodeJS.ProcessEnv): Promise<ApiRun> {
  const port = await closedPort();
  const serving = (out: string) => out.includes('serving plain HTTP');
  const api = await run('apps/api/src/main.js', { ...env, PORT: String(port), HOST: '127.0.0.1' }, serving, START_MS);
  await ready(api, serving, 'API');
  return Object.defineProperty(api, 'url', { value: `http://127.0.0.1:${port}`, enumerable: true }) as ApiRun;
}

/** The compiled worker, once it is connected to Postgres and Redis; throws with its output if it exited first. */
export async function runWorker(env: NodeJS.ProcessEnv): Promise<Run> {
  const connected = (out: string) => out.includes('connected to Postgres and Redis');
  const worker = await run('apps/worker/src/main.js', env, connected, START_MS);
  await ready(worker, connected, 'worker');
  return worker;
}

async function ready(started: Run, isReady: (out: string) => boolean, what: string): Promise<void> {
  if (isReady(started.stdout)) return;
  await started.kill('SIGKILL');
  throw new Error(`the ${what} did not start:\n${started.stdout}\n${started.stderr}`);
}
