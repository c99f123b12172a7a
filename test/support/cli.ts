import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { live, type LiveProcess } from './live-process.js';

// The compiled CLI (npm test builds first), run by the project's Node 24 as
// an operator would run it: a subprocess with its own HOME and environment.
export const CLI_MAIN = fileURLToPath(new URL('../../dist/apps/cli/src/main.js', import.meta.url));
export const NODE = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  stdin?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export type Cli = (args: string[], options?: CliRunOptions) => Promise<CliResult>;

/** A fresh HOME (so no login file from elsewhere is read) and the given environment. */
export function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'kl-cli-'));
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...env };
}

/** A runner bound to an API address and token. */
export function cliFor(addr: string, token: string, extra: Record<string, string> = {}): Cli {
  const env = cliEnv({ KEYLEDGER_ADDR: addr, KEYLEDGER_TOKEN: token, ...extra });
  return (args, options = {}) => runCli(args, { ...options, env: { ...env, ...options.env } });
}

export async function runCli(args: string[], options: CliRunOptions = {}): Promise<CliResult> {
  const child = spawn(NODE, [CLI_MAIN, ...args], { env: options.env ?? cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.on('error', () => {});
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 25_000);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** The CLI running in the background, its output watched as it comes (audit tail, --watch). */
export function startCli(args: string[], env: Record<string, string>): LiveProcess {
  return live(spawn(NODE, [CLI_MAIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] }));
}
