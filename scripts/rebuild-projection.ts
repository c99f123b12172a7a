import type { MikroORM } from '@mikro-orm/postgresql';
import { AUDIT_TRAIL_PROJECTION, rebuildAuditTrail, rebuildUsage, USAGE_PROJECTION } from '#audit';
import { loadConfig } from '#config';
import { openOrm } from '#database';
import { exitWithOneLine } from '#runtime';
import { CREDENTIAL_VIEW_PROJECTION, rebuildCredentialView } from '#credential-store';

// The projections that can be rebuilt from position 0. The event seal is not
// one of them: it vouches for the log as it was sealed, and re-sealing would
// vouch for whatever the log holds now.
const REBUILDS: Record<string, (orm: MikroORM) => Promise<number>> = {
  [CREDENTIAL_VIEW_PROJECTION]: (orm) => rebuildCredentialView(orm),
  [AUDIT_TRAIL_PROJECTION]: (orm) => rebuildAuditTrail(orm.em.fork()),
  [USAGE_PROJECTION]: (orm) => rebuildUsage(orm.em.fork()),
};

export const PROJECTION_NAMES = Object.keys(REBUILDS);

/** Rebuilds one projection (or `all`); returns the events replayed per projection. */
export async function rebuildProjections(orm: MikroORM, name: string): Promise<Record<string, number>> {
  const names = name === 'all' ? PROJECTION_NAMES : [name];
  const unknown = names.filter((n) => REBUILDS[n] === undefined);
  if (unknown.length > 0) throw new Error(`unknown projection "${name}": use one of ${PROJECTION_NAMES.join(', ')}, all`);
  const replayed: Record<string, number> = {};
  for (const n of names) replayed[n] = await REBUILDS[n]!(orm);
  return replayed;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || (name !== 'all' && !PROJECTION_NAMES.includes(name))) {
    process.stderr.write(`usage: npm run projections:rebuild -- <${PROJECTION_NAMES.join('|')}|all>\n`);
    process.exitCode = 2;
    return;
  }
  const orm = await openOrm(loadConfig().databaseUrl, { poolMax: 2 });
  try {
    for (const [projection, events] of Object.entries(await rebuildProjections(orm, name))) {
      process.stdout.write(`keyledger: rebuilt ${projection} from ${events} event(s)\n`);
    }
  } finally {
    await orm.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch(exitWithOneLine('keyledger-rebuild'));
}
