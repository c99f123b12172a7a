// `npm run soak`: the API and a worker as production runs them, under a
// mixed load for a long time (10 minutes at 32 connections by default),
// with each process's RSS and heap after GC sampled every interval. Ends
// with a verdict against the targets: no error, a heap that stays flat, RSS
// under the cap. Servers and the worker run as child processes; autocannon
// runs here.
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { recreateDatabase } from './database.js';
import { startHealthTarget, type HealthTarget } from './health-target.js';
import { startLoad } from './load.js';
import { freePort, killNow, stopServer, type Server } from './processes.js';
import { clearRedisPrefix } from './redis-keys.js';
import {
  formatVerdict,
  formatSamples,
  IntervalTally,
  parseMemory,
  soakVerdict,
  type ProcessMemory,
  type SoakReport,
  type SoakSample,
} from './soak-report.js';
import { writeReport } from './report.js';
import { awaitRotationEnd, requestRotation } from './rotation.js';
import { seedDataKeys } from './rotation-seed.js';
import { openAiSecret } from './scenarios.js';
import { call, keyledgerEnv, startKeyledger, startWorker, type KeyledgerSecrets } from './servers.js';
import { soakRequests, type FailureSink, type SoakTargets } from './soak-mix.js';
import { readSoakOptions, type SoakOptions } from './soak-options.js';
import * as settings from './settings.js';

const RESULTS_FILE = fileURLToPath(new URL('../../bench/results/soak.json', import.meta.url));
/** Beyond the load itself: set-up, the rotation's end, stopping. */
const DEADLINE_MARGIN_MS = 300_000;
const SEED_CONCURRENCY = 8;
const FAILURES_LOGGED = 20;
const TESTED_USERNAME = 'soak';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** `count` credentials made through the API, a few at a time; their ids in order. */
async function createMany(api: Server, token: string, count: number, body: (i: number) => unknown): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += SEED_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(SEED_CONCURRENCY, count - start) }, (_, k) => start + k);
    const created = await Promise.all(batch.map((i) => call(api, '/v1/credentials', token, body(i))));
    for (const { status, json } of created) {
      if (status !== 201) throw new Error(`seeding a credential answered ${status}: ${JSON.stringify(json)}`);
      ids.push(json.id as string);
    }
  }
  return ids;
}

async function seedCredentials(api: Server, token: string, target: HealthTarget, password: string): Promise<SoakTargets> {
  const openAi = (prefix: string) => (i: number) => ({ name: `${prefix}-${i}`, type: 'openai', secret: openAiSecret() });
  return {
    token,
    revealed: await createMany(api, token, settings.SOAK_REVEALED_CREDENTIALS, openAi('soak-revealed')),
    rotated: await createMany(api, token, settings.SOAK_ROTATED_CREDENTIALS, openAi('soak-rotated')),
    tested: await createMany(api, token, settings.SOAK_TESTED_CREDENTIALS, (i) => ({
      name: `soak-tested-${i}`,
      type: 'http_basic',
      username: TESTED_USERNAME,
      secret: password,
      extra: { url: target.url },
    })),
  };
}

async function scrape(url: string, token?: string): Promise<ProcessMemory> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return parseMemory(await response.text());
}

interface Running {
  api: Server;
  worker: Server;
  workerMetricsUrl: string;
  token: string;
}

async function sample(running: Running, atSeconds: number, load: SoakSample['load']): Promise<SoakSample> {
  const [api, worker] = await Promise.all([scrape(`${running.api.baseUrl}/metrics`, running.token), scrape(running.workerMetricsUrl)]);
  return { atSeconds, load, memory: { api, worker } };
}

/** Non-2xx answers by operation and status; the first few are logged with their body. */
function failureLog(): { record: FailureSink; counts: SoakReport['failures'] } {
  const counts: SoakReport['failures'] = {};
  let logged = 0;
  return {
    counts,
    record: (operation, status, body) => {
      const byStatus = (counts[operation] ??= {});
      byStatus[String(status)] = (byStatus[String(status)] ?? 0) + 1;
      if (logged++ < FAILURES_LOGGED) log(`soak: ${operation} answered ${status}: ${body.slice(0, 300)}`);
    },
  };
}

/** Runs the load for the whole duration, sampling every interval; requests the rotation on the way. */
async function soakLoad(
  options: SoakOptions,
  running: Running,
  targets: SoakTargets,
  failures: ReturnType<typeof failureLog>,
): Promise<{ samples: SoakSample[]; rotationId: Promise<string> }> {
  const tally = new IntervalTally();
  const samples: SoakSample[] = [];
  const started = Date.now();
  let last = started;
  // A scrape that fails (a process too busy to answer) loses that sample, not the run.
  const takeSample = async (now: number) => {
    const load = tally.take((now - last) / 1000);
    last = now;
    try {
      const taken = await sample(running, (now - started) / 1000, load);
      samples.push(taken);
      log(`soak: ${formatSamples([taken]).split('\n')[2]}`);
    } catch (error) {
      log(`soak: no sample at ${Math.round((now - started) / 1000)} s: ${error instanceof Error ? error.message : String(error)}`);
      for (const server of [running.api, running.worker]) {
        const { exitCode, signalCode } = server.child;
        if (exitCode !== null || signalCode !== null)
          log(`soak: ${server.name} has exited (${exitCode ?? signalCode}):\n${server.output()}`);
      }
    }
  };
  const pending: Promise<void>[] = [];
  const { done } = startLoad(
    {
      url: running.api.baseUrl,
      connections: options.connections,
      duration: options.durationSeconds,
      requests: soakRequests(targets, failures.record),
    },
    tally,
  );
  log(`soak: ${formatSamples([]).split('\n')[0]}`);
  const ticker = setInterval(() => pending.push(takeSample(Date.now())), options.intervalSeconds * 1000);
  const rotationAt = Math.min(settings.SOAK_ROTATION_AT_SECONDS, options.durationSeconds / 5) * 1000;
  const rotationId = new Promise<string>((resolve, reject) => {
    setTimeout(() => {
      log('soak: requesting a master-key rotation');
      requestRotation(running.api, running.token).then(resolve, reject);
    }, rotationAt);
  });
  try {
    await done;
  } finally {
    clearInterval(ticker);
  }
  // The interval's tick and the end of the load race: an unsampled last second or more gets a sample of its own.
  if (Date.now() - last > 1000) pending.push(takeSample(Date.now()));
  await Promise.all(pending);
  samples.sort((a, b) => a.atSeconds - b.atSeconds);
  return { samples, rotationId };
}

async function soak(options: SoakOptions, servers: Server[], closers: (() => Promise<void>)[]): Promise<SoakReport> {
  const startedAt = new Date().toISOString();
  const track = (server: Server) => (servers.push(server), server);
  const url = settings.databaseUrl(settings.SOAK_DATABASE);
  await recreateDatabase(settings.SOAK_DATABASE);
  await clearRedisPrefix(settings.SOAK_REDIS_PREFIX);
  const oldKey = { id: 'k1', key: randomBytes(32) };
  log(`soak: seeding ${settings.SOAK_ROTATION_DATA_KEYS} data keys under the old master key`);
  await seedDataKeys(url, settings.SOAK_ROTATION_DATA_KEYS, oldKey);
  const secrets: KeyledgerSecrets = {
    masterKeys: `k2:${randomBytes(32).toString('base64')},k1:${oldKey.key.toString('base64')}`,
    bootstrapToken: randomBytes(24).toString('base64url'),
  };
  const password = randomBytes(18).toString('base64url');
  const target = await startHealthTarget(TESTED_USERNAME, password);
  closers.push(() => target.close());
  // Production settings but two: the health checks may reach the loopback target,
  // and the 6-hourly schedule is off (every check of the run is one the load asked for).
  const env: Record<string, string> = {
    ...keyledgerEnv(url, secrets, settings.SOAK_REDIS_PREFIX),
    LOG_LEVEL: 'info',
    KEYLEDGER_EGRESS_ALLOW: `${settings.HOST}/32`,
    KEYLEDGER_HEALTHCHECK_INTERVAL: 'off',
  };
  const api = await startKeyledger(url, secrets, track, { redisPrefix: settings.SOAK_REDIS_PREFIX, env });
  const metricsPort = await freePort();
  const worker = await startWorker('keyledger-worker', { ...env, KEYLEDGER_WORKER_METRICS_PORT: String(metricsPort) }, track, metricsPort);
  const running = { api, worker, workerMetricsUrl: `http://${settings.HOST}:${metricsPort}/metrics`, token: secrets.bootstrapToken };
  log('soak: seeding the credentials the load reads, rotates and tests');
  const targets = await seedCredentials(api, secrets.bootstrapToken, target, password);
  log(`soak: ${options.connections} connections for ${options.durationSeconds} s, a sample every ${options.intervalSeconds} s`);
  const failures = failureLog();
  const { samples, rotationId } = await soakLoad(options, running, targets, failures);
  const rotation = await awaitRotationEnd(api, secrets.bootstrapToken, await rotationId);
  const rotationSeconds = rotation.finishedAt ? (Date.parse(rotation.finishedAt) - Date.parse(rotation.startedAt)) / 1000 : null;
  const rotationStatus = rotation.status as string;
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length },
    settings: { ...options, nodeOptions: env.NODE_OPTIONS ?? '', mallocArenaMax: env.MALLOC_ARENA_MAX ?? '' },
    samples,
    failures: failures.counts,
    rotation: { dataKeys: rotation.done as number, status: rotationStatus, seconds: rotationSeconds },
    healthChecksAnswered: target.checks(),
    verdict: soakVerdict(samples, options.durationSeconds, settings.SOAK_TARGETS, rotationStatus),
  };
}

async function main(): Promise<void> {
  const options = readSoakOptions(process.argv.slice(2));
  const servers: Server[] = [];
  const closers: (() => Promise<void>)[] = [];
  const abort = (why: string, code: number) => {
    killNow(servers);
    log(`soak: ${why}`);
    process.exit(code);
  };
  const deadlineMs = options.durationSeconds * 1000 + DEADLINE_MARGIN_MS;
  const watchdog = setTimeout(() => abort(`gave up after ${deadlineMs / 1000} s`, 2), deadlineMs);
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  try {
    const report = await soak(options, servers, closers);
    await writeReport(RESULTS_FILE, report);
    const rotation = `master-key rotation: ${report.rotation.dataKeys} data keys, ${report.rotation.status}`;
    process.stdout.write(
      `\n${formatSamples(report.samples)}\n\n${rotation}; health checks answered by the target: ${report.healthChecksAnswered}\n` +
        `${formatVerdict(report.verdict)}\n\nwritten to ${RESULTS_FILE}\n`,
    );
    if (!report.verdict.pass) process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await Promise.all(servers.map(stopServer));
    await Promise.all(closers.map((close) => close()));
  }
}

main().catch((error: unknown) => {
  log(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
