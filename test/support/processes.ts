import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

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
 * it, returns once its stdout satisfies `until` (or it exited, or 45 s).
 */
export async function run(entry: string, env: NodeJS.ProcessEnv, until?: (out: string) => boolean): Promise<Run> {
  const child = spawn(process.execPath, [dist(entry)], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  if (until) {
    const deadline = Date.now() + 45000;
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
