// Speed of the two whole-log readers, over the events the load runs wrote.
import type { MikroORM } from '@mikro-orm/postgresql';
import { singleRow } from '#database';
import { verifyLog } from '#event-store';
import { rebuildCredentialView } from '#credential-store';
import { readModelState } from './database.js';
import type { BenchReport, LogSpeed } from './report.js';

function speed(events: number, startedAt: bigint): LogSpeed {
  const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return { events, seconds, eventsPerSecond: events / seconds };
}

/**
 * Truncates the credential read model and replays the log from position 0;
 * the result must match what was there. Speed counts every event of the log:
 * the rebuild scans them all, projecting the credential events among them.
 */
export async function measureReplay(orm: MikroORM, database: string): Promise<BenchReport['replay']> {
  const before = await readModelState(database);
  const events = singleRow(await orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from kl_events')).n;
  const startedAt = process.hrtime.bigint();
  const credentialEvents = await rebuildCredentialView(orm);
  const measured = speed(events, startedAt);
  const after = await readModelState(database);
  return { ...measured, credentialEvents, credentials: after.credentials, identicalReadModel: before.digest === after.digest };
}

export async function measureVerify(orm: MikroORM): Promise<BenchReport['verify']> {
  const startedAt = process.hrtime.bigint();
  const result = await verifyLog(orm.em.fork());
  const measured = speed(result.checked, startedAt);
  return {
    ...measured,
    ok: result.ok,
    ...(result.firstBadPosition === undefined ? {} : { firstBadPosition: result.firstBadPosition }),
  };
}
