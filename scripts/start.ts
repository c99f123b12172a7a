import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_ENV_FILE, loadConfig, startEnvironment, type KeyledgerConfig, type LocalDevelopment } from '#config';
import { exitWithOneLine, isReadyMessage, resolveLogFormat, serviceEnv } from '#runtime';
import { prepareDatabase } from './migrate.js';

// `npm start`: migrations, then the API and one worker as child processes.
// SIGINT (Ctrl-C) or SIGTERM stops both and then this process; SIGHUP, which
// reloads the API's TLS certificate, goes to the API only. When either child
// exits on its own, the other is stopped and the exit is a failure.
const PROCESSES = {
  api: fileURLToPath(new URL('../apps/api/src/main.js', import.meta.url)),
  worker: fileURLToPath(new URL('../apps/worker/src/main.js', import.meta.url)),
};
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
/** How long the API and worker get to finish what they are doing before they are killed. */
const GRACE_MS = 10_000;

async function main(): Promise<void> {
  const { env, local } = startEnvironment(resolve(LOCAL_ENV_FILE));
  if (local) process.stdout.write(`${localNote(local)}\n`);
  const config = loadConfig(env);
  await prepareDatabase(env);
  const children = Object.entries(PROCESSES).map(([name, entry]) => start(name, entry, env));
  supervise(children);
  const ready = new Set<string>();
  for (const child of children) {
    child.on('message', (message) => {
      if (!isReadyMessage(message)) return;
      ready.add(message.process);
      if (ready.size === children.length) process.stdout.write(summary(config, local));
    });
  }
}

function start(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group: a Ctrl-C reaches them once, through this process, not
  // also straight from the terminal. The IPC channel stops them if this
  // process dies without passing a signal on. V8 and malloc are sized for a
  // service (serviceEnv), as in the Docker image.
  const child = spawn(process.execPath, [entry], { env: serviceEnv(env), stdio: ['inherit', 'inherit', 'inherit', 'ipc'], detached: true });
  child.on('error', (error) => process.stderr.write(`keyledger: could not start ${name}: ${error.message}\n`));
  return child;
}

function supervise(children: ChildProcess[]): void {
  let stopping = false;
  const running = () => children.filter((child) => child.exitCode === null && child.signalCode === null);
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const child of running()) child.kill(signal);
    setTimeout(() => {
      for (const child of running()) child.kill('SIGKILL');
    }, GRACE_MS).unref();
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGHUP', () => children[0]?.kill('SIGHUP'));
  for (const child of children) {
    child.on('exit', (code, signal) => {
      if (!stopping) {
        // A child that stops on its own is a failure of the whole system.
        process.exitCode = code || 1;
        stopAll('SIGTERM');
      } else if (code !== 0 && code !== null) {
        process.exitCode = code;
      } else if (signal === 'SIGKILL') {
        process.exitCode = 1;
      }
      if (running().length === 0) process.exit();
    });
  }
}

function localNote(local: LocalDevelopment): string {
  const file = relative(process.cwd(), local.file);
  return local.created
    ? `keyledger: no master key configured: made a development keyring and admin token in ${file} (mode 600, git-ignored; not for production)`
    : `keyledger: no master key configured: using the development keyring and admin token in ${file}`;
}

/** What is running and where, once the API listens and the worker runs. */
function summary(config: KeyledgerConfig, local: LocalDevelopment | null): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
  const facts = {
    version: VERSION,
    url,
    listening: `${config.host}:${config.port}`,
    database: withoutPassword(config.databaseUrl),
    redis: `${withoutPassword(config.redisUrl)} (prefix ${config.redisPrefix})`,
    worker: 'running',
    console: `${url}/ui/`,
    docs: `${url}/docs`,
    token: local
      ? relative(process.cwd(), local.file)
      : config.bootstrapToken
        ? 'KEYLEDGER_BOOTSTRAP_TOKEN'
        : 'none (no bootstrap token set)',
  };
  if (resolveLogFormat(config.logFormat) === 'json') {
    return `${JSON.stringify({ level: 'info', time: new Date().toISOString(), name: 'keyledger', msg: 'keyledger started', ...facts })}\n`;
  }
  const rows: [string, string][] = [
    ['API', `${facts.url}  (listening on ${facts.listening})`],
    ['console', facts.console],
    ['API docs', facts.docs],
    ['database', facts.database],
    ['Redis', facts.redis],
    ['worker', facts.worker],
    ['admin token', local ? `in ${facts.token}: set -a; . ${facts.token}; set +a` : facts.token],
  ];
  const lines = rows.map(([label, value]) => `  ${label.padEnd(13)}${value}`);
  return [``, `Keyledger ${VERSION} is up. Ctrl-C stops it.`, ...lines, ``, ``].join('\n');
}

function withoutPassword(value: string): string {
  const url = new URL(value);
  if (url.password) url.password = '***';
  return url.toString();
}

main().catch(exitWithOneLine('keyledger'));
