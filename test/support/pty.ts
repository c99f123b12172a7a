import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { CLI_MAIN, NODE } from './cli.js';

// A real pseudo-terminal for the CLI (Python's stdlib pty): what a user types
// goes through the terminal's line discipline, which echoes it unless the
// program turned echo off. 120x40, so progress bars have room.
const DRIVER = `
import os, pty, select, sys, fcntl, termios, struct
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 120, 0, 0))
stdin_open = True
while True:
    fds = [fd] + ([0] if stdin_open else [])
    ready, _, _ = select.select(fds, [], [])
    if fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 4096)
        if data:
            os.write(fd, data)
        else:
            stdin_open = False
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;

export interface PtySession {
  /** Everything the terminal showed, CRLF as LF. */
  output(): string;
  waitFor(text: string | RegExp, ms?: number): Promise<void>;
  /** Types into the terminal. */
  type(text: string): void;
  exit(): Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

export function runCliInPty(args: string[], env: Record<string, string>): PtySession {
  const child = spawn('python3', ['-c', DRIVER, NODE, CLI_MAIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.stdin.on('error', () => {});
  const exited = once(child, 'close').then(([code]) => code as number | null);
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  void exited.then(() => clearTimeout(timer));
  const text = () => output.replace(/\r\n/g, '\n');
  return {
    output: text,
    async waitFor(expected, ms = 15_000) {
      const deadline = Date.now() + ms;
      const seen = () => (typeof expected === 'string' ? text().includes(expected) : expected.test(text()));
      while (!seen()) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`terminal never showed ${expected}; it showed:\n${text()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    type: (input) => void child.stdin.write(input),
    exit: () => exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}
