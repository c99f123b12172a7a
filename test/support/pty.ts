import { spawn } from 'node:child_process';
import { CLI_MAIN, NODE } from './cli.js';
import { live, type LiveProcess } from './live-process.js';

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

export type PtySession = LiveProcess;

export function runCliInPty(args: string[], env: Record<string, string>): PtySession {
  return live(spawn('python3', ['-c', DRIVER, NODE, CLI_MAIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] }));
}
