#!/usr/bin/env node
// keyledger: the command-line client of the Keyledger API.
import { CommanderError } from 'commander';
import { EXIT, exitCodeOf, jsonErrorOf, messageOf } from './errors.js';
import { buildProgram } from './program.js';

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed the message (or the help) already.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    const line = argv.includes('--json') ? JSON.stringify(jsonErrorOf(error)) : `keyledger: ${messageOf(error)}`;
    process.stderr.write(`${line}\n`);
    return exitCodeOf(error);
  }
}

// Ctrl-C and SIGTERM stop long-running commands (audit tail, --watch) cleanly;
// a progress bar hides the cursor, so show it again.
process.once('SIGINT', () => {
  if (process.stderr.isTTY) process.stderr.write('\u001b[?25h\n');
  process.exit(EXIT.interrupted);
});
process.once('SIGTERM', () => process.exit(143));
// A reader that stops early (`keyledger ... | head`) closes the pipe: that ends
// the command quietly, as it does for other Unix tools, without a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
