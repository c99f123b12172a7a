import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';

/** A running command whose output a test watches as it comes (a follow, a watch, a prompt). */
export interface LiveProcess {
  /** Everything it printed so far (stdout and stderr, CRLF as LF). */
  output(): string;
  waitFor(text: string | RegExp, ms?: number): Promise<void>;
  /** Writes to its stdin (through the terminal, for a pty). */
  type(text: string): void;
  exit(): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

export function live(child: ChildProcessWithoutNullStreams, timeoutMs = 25_000): LiveProcess {
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.on('error', () => {});
  const exited = once(child, 'close').then(([code]) => code as number | null);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  void exited.then(() => clearTimeout(timer));
  const text = () => output.replace(/\r\n/g, '\n');
  return {
    output: text,
    async waitFor(expected, ms = 15_000) {
      const deadline = Date.now() + ms;
      const seen = () => (typeof expected === 'string' ? text().includes(expected) : expected.test(text()));
      while (!seen()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never printed ${expected}; it printed:\n${text()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    type: (input) => void child.stdin.write(input),
    exit: () => exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}
