import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closedPort } from './ports.js';

export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL: every connection drops at once, as when Redis crashes. */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port, without persistence, for
 * tests that take Redis away: the shared server stays up for every other suite.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await closedPort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const deadline = Date.now() + 20_000;
    while (!output.includes('Ready to accept connections')) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const kill = async () => {
    const server = child;
    child = null;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = once(server, 'exit');
    server.kill('SIGKILL');
    await exited;
  };
  await start();
  return { port, url: `redis://127.0.0.1:${port}`, kill, start };
}
