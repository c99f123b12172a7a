// Child processes of the benchmark: the servers under load run apart from
// autocannon, on the same Node binary as the parent (process.execPath).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { HOST, READY_TIMEOUT_MS, STOP_GRACE_MS } from './settings.js';

const OUTPUT_KEPT_CHARS = 8_000;
const READY_POLL_MS = 200;

export interface Server {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  /** The last few thousand characters the child wrote (stdout and stderr). */
  output(): string;
}

/** A port free on the loopback address right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, HOST);
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/**
 * Starts `script` under this Node with `nodeFlags` before it; `env` is the
 * child's whole environment (nothing is inherited).
 */
export function startServer(
  name: string,
  port: number,
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Server {
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let kept = '';
  const keep = (chunk: Buffer) => {
    kept = (kept + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { name, baseUrl: `http://${HOST}:${port}`, child, output: () => kept };
}

/** Polls `path` until it answers 200; fails early if the child exits. */
export async function waitReady(server: Server, path: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${server.name} exited before it was ready:\n${server.output()}`);
    }
    const status = await fetch(`${server.baseUrl}${path}`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(READY_POLL_MS);
  }
  throw new Error(`${server.name} not ready within ${READY_TIMEOUT_MS} ms:\n${server.output()}`);
}

/** Waits until the child has written `text` (a process without HTTP, e.g. a worker); fails early if it exits. */
export async function waitOutput(server: Server, text: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!server.output().includes(text)) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${server.name} exited before it was ready:\n${server.output()}`);
    }
    if (Date.now() > deadline) throw new Error(`${server.name} not ready within ${READY_TIMEOUT_MS} ms:\n${server.output()}`);
    await sleep(READY_POLL_MS);
  }
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the child is gone. */
export async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Last resort on a deadline or a signal: synchronous, no waiting. */
export function killNow(servers: Iterable<Server>): void {
  for (const { child } of servers) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
