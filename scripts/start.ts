import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { exitWithOneLine } from '#runtime';
import { prepareDatabase } from './migrate.js';

// `npm start`: migrations, then the API and one worker as child processes.
// A signal is passed on to both (SIGHUP, which reloads the API's TLS
// certificate, to the API only); when either exits, the other is stopped.
const PROCESSES = {
  api: fileURLToPath(new URL('../apps/api/src/main.js', import.meta.url)),
  worker: fileURLToPath(new URL('../apps/worker/src/main.js', import.meta.url)),
};

async function main(): Promise<void> {
  await prepareDatabase();
  const children = Object.entries(PROCESSES).map(([name, entry]) => start(name, entry));
  let exiting = false;
  const stopAll = (signal: NodeJS.Signals) => {
    exiting = true;
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGHUP', () => children[0]?.kill('SIGHUP'));
  for (const child of children) {
    child.on('exit', (code) => {
      if (exiting) return;
      // A child that stops on its own is a failure of the whole system.
      process.exitCode = code || 1;
      stopAll('SIGTERM');
    });
  }
}

function start(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, [entry], { stdio: 'inherit' });
  child.on('error', (error) => process.stderr.write(`keyledger: could not start ${name}: ${error.message}\n`));
  return child;
}

main().catch(exitWithOneLine('keyledger'));
