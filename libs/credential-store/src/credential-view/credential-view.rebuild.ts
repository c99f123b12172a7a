import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { processBatch, resetCheckpoint, type RecordedEvent } from '#event-store';
import { projectCredentialEvents } from './credential-view.writer.js';
import { TRUNCATE_GRANTS } from './credential-grants.writer.js';

export const CREDENTIAL_VIEW_PROJECTION = 'credential-view';
const TRUNCATE_VIEW = 'truncate kl_credentials';

/**
 * Rebuilds the read model (rows and grants) from position 0: truncate, then replay the whole log
 * through the same writer the command path uses. The checkpoint commits with
 * each batch, so an interrupted rebuild resumes where it stopped.
 */
export async function rebuildCredentialView(orm: MikroORM, batchSize = 500): Promise<number> {
  await orm.em.fork().transactional(async (tx) => {
    await tx.execute(TRUNCATE_VIEW, [], 'run');
    await tx.execute(TRUNCATE_GRANTS, [], 'run');
    await resetCheckpoint(tx, CREDENTIAL_VIEW_PROJECTION);
  });
  return catchUpCredentialView(orm, batchSize);
}

/** Replays from the stored checkpoint to the end of the log; returns the number of events read. */
export async function catchUpCredentialView(orm: MikroORM, batchSize = 500): Promise<number> {
  const project = async (tx: EntityManager, events: RecordedEvent[]) => void (await projectCredentialEvents(tx, events));
  let total = 0;
  for (;;) {
    const read = await processBatch(orm.em.fork(), CREDENTIAL_VIEW_PROJECTION, project, { batchSize });
    total += read;
    if (read < batchSize) return total;
  }
}
