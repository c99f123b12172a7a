// `npm run bench`: Keyledger's hot path and create against a bare baseline
// doing the same database work, then replay and verify speed of the log the
// runs wrote, then master-key rotation speed on a database of its own.
// Servers and workers run as child processes; autocannon runs here.
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openOrm } from '#database';
import { probeLag, summariseLag, type LagProbeTarget, type ProjectionLag } from './lag.js';
import { runLoad } from './load.js';
import { copyCredential, recreateDatabase } from './database.js';
import { measureReplay, measureVerify } from './log-speed.js';
import { measureRotation } from './rotation.js';
import { killNow, stopServer, type Server } from './processes.js';
import { commandThroughput, formatSummary, formatTable, withRatios, writeReport, type BenchReport, type RunRecord } from './report.js';
import { scenarios, type Scenario } from './scenarios.js';
import { checkBaseline, freshSecrets, keyledgerEnv, seedCredential, startBaseline, startKeyledger, startWorker } from './servers.js';
import * as settings from './settings.js';

const RESULTS_FILE = fileURLToPath(new URL('../../bench/results/latest.json', import.meta.url));

const log = (line: string) => process.stderr.write(`${line}\n`);

interface Measured extends RunRecord {
  /** Lags of the probe's reveals during a Keyledger reveal run. */
  lag?: ProjectionLag;
}

async function measure(scenario: Scenario, connections: number, keyledger: Server, probe: LagProbeTarget): Promise<Measured> {
  const label = `${scenario.system} ${scenario.operation} @${connections}`;
  log(`${label}: warm-up ${settings.WARMUP_SECONDS} s, then ${settings.MEASURE_SECONDS} s`);
  await runLoad(scenario.load(connections, settings.WARMUP_SECONDS));
  const load = runLoad(scenario.load(connections, settings.MEASURE_SECONDS));
  // Under the reveal load, a probe times the worker's projection of reveals.
  const lags = scenario.system === 'keyledger' && scenario.operation === 'reveal' ? probeLag(probe, load) : undefined;
  // A failed probe is reported once the load is over; left unhandled until
  // then, it would end the run without stopping the servers.
  void lags?.catch(() => undefined);
  const result = await load;
  if (result.non2xx > 0 || result.errors > 0) {
    log(`${label}: ${result.non2xx} non-2xx, ${result.errors} errors; status codes ${JSON.stringify(result.statusCodes)}`);
    if (scenario.system === 'keyledger' && keyledger.output() !== '') log(`keyledger-api output (tail):\n${keyledger.output()}`);
  }
  return {
    system: scenario.system,
    operation: scenario.operation,
    result,
    ...(lags ? { lag: summariseLag(connections, await lags) } : {}),
  };
}

/** Per connection level: baseline then Keyledger for each operation, so each pair runs back to back. */
async function measureAll(all: Scenario[], keyledger: Server, probe: LagProbeTarget): Promise<Measured[]> {
  const runs: Measured[] = [];
  for (const connections of settings.CONNECTION_LEVELS) {
    for (const scenario of all) runs.push(await measure(scenario, connections, keyledger, probe));
  }
  return runs;
}

async function measureLog(): Promise<Pick<BenchReport, 'replay' | 'verify'>> {
  const orm = await openOrm(settings.databaseUrl(settings.KEYLEDGER_DATABASE));
  try {
    log('replaying the credential view from position 0, then verifying the log');
    const replay = await measureReplay(orm, settings.KEYLEDGER_DATABASE);
    const verify = await measureVerify(orm);
    return { replay, verify };
  } finally {
    await orm.close(true);
  }
}

async function benchmark(servers: Server[]): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const track = (server: Server) => (servers.push(server), server);
  await recreateDatabase(settings.KEYLEDGER_DATABASE);
  await recreateDatabase(settings.BASELINE_DATABASE);
  const secrets = freshSecrets();
  const keyledgerUrl = settings.databaseUrl(settings.KEYLEDGER_DATABASE);
  const keyledger = await startKeyledger(keyledgerUrl, secrets, track);
  // The worker keeps the seal, the audit trail and usage up with the log
  // throughout, as in production; its work shares the machine with the runs.
  await startWorker('keyledger-worker-1', keyledgerEnv(keyledgerUrl, secrets, settings.REDIS_PREFIX), track);
  const credential = await seedCredential(keyledger, secrets.bootstrapToken);
  const probed = await seedCredential(keyledger, secrets.bootstrapToken, 'bench-lag-probe');
  const probe: LagProbeTarget = {
    keyledgerUrl: keyledger.baseUrl,
    token: secrets.bootstrapToken,
    databaseUrl: keyledgerUrl,
    tenant: probed.tenant,
    credentialId: probed.id,
  };
  await copyCredential(settings.KEYLEDGER_DATABASE, settings.BASELINE_DATABASE, credential.id);
  const baseline = await startBaseline(settings.databaseUrl(settings.BASELINE_DATABASE), credential.tenant, track);
  await checkBaseline(baseline, credential.id);
  const targets = {
    keyledgerUrl: keyledger.baseUrl,
    baselineUrl: baseline.baseUrl,
    bootstrapToken: secrets.bootstrapToken,
    credentialId: credential.id,
  };
  const measured = await measureAll(scenarios(targets), keyledger, probe);
  const runs: RunRecord[] = measured.map(({ system, operation, result }) => ({ system, operation, result }));
  // Nothing writes to the log while it is replayed and verified.
  await Promise.all(servers.map(stopServer));
  const logSpeed = await measureLog();
  const rotation = await measureRotation(track, log);
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length },
    settings: {
      connectionLevels: settings.CONNECTION_LEVELS,
      measureSeconds: settings.MEASURE_SECONDS,
      warmupSeconds: settings.WARMUP_SECONDS,
      poolMax: settings.POOL_MAX,
      apiLogLevel: 'warn',
      token: 'bootstrap admin',
    },
    runs: withRatios(runs),
    commandThroughput: commandThroughput(runs),
    projectionLag: measured.flatMap((m) => (m.lag ? [m.lag] : [])),
    ...logSpeed,
    rotation,
  };
}

async function main(): Promise<void> {
  const servers: Server[] = [];
  const abort = (why: string, code: number) => {
    killNow(servers);
    log(`bench: ${why}`);
    process.exit(code);
  };
  const watchdog = setTimeout(() => abort(`gave up after ${settings.DEADLINE_MS / 1000} s`, 2), settings.DEADLINE_MS);
  process.once('SIGINT', () => abort('interrupted', 130));
  process.once('SIGTERM', () => abort('terminated', 143));
  try {
    const report = await benchmark(servers);
    await writeReport(RESULTS_FILE, report);
    process.stdout.write(`\n${formatTable(report.runs)}\n\n${formatSummary(report)}\n\nwritten to ${RESULTS_FILE}\n`);
  } finally {
    clearTimeout(watchdog);
    await Promise.all(servers.map(stopServer));
  }
}

main().catch((error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
