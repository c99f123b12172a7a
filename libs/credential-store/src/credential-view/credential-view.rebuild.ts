import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { singleRow } from '#database';
import { processBatch, resetCheckpoint, type RecordedEvent } from '#event-store';
import { CREDENTIAL_STREAM_TYPE } from '../credential-stream.js';
import { projectCredentialEvents } from './credential-view.writer.js';
import { TRUNCATE_GRANTS } from './credential-grants.writer.js';

export const CREDENTIAL_VIEW_PROJECTION = 'credential-view';
const TRUNCATE_VIEW = 'truncate kl_credentials';

/**
 * Rebuilds the read model (rows and grants) from position 0: truncate, then replay the whole log
 * through the same writer the command path uses. The checkpoint commits with
 * each batch, so an interrupted rebuild resumes where it stopped. Returns the
 * credential events replayed.
 */
export async function rebuildCredentialView(orm: MikroORM, batchSize = 500): Promise<number> {
  await orm.em.fork().transactional(async (tx) => {
    await tx.execute(TRUNCATE_VIEW, [], 'run');
    await tx.execute(TRUNCATE_GRANTS, [], 'run');
    await resetCheckpoint(tx, CREDENTIAL_VIEW_PROJECTION);
  });
  return catchUpCredentialView(orm, batchSize);
}

// The last position committed when the catch-up starts: it ends once every
// event up to there is behind the checkpoint.
const LAST_POSITION = `select coalesce(max(global_position), 0) as last from kl_events`;
const BEHIND = `select not exists (
  select 1 from kl_events e join kl_projection_checkpoints c on c.name = ?
  where e.global_position <= ? and e.stream_type = ?
    and (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)) as done`;
// Only credential streams feed the read model. The database skips the rest
// (access records are most of a log), so they are never sent and parsed here.
const STREAM_TYPES = [CREDENTIAL_STREAM_TYPE];
const RETRY_MS = 20;

/**
 * Replays from the stored checkpoint to the end of the log as it was when
 * called; returns the number of credential events read. A short batch does not mean the
 * end: while a transaction anywhere in the cluster is older than some of
 * those events, the safe read holds them back, and this waits for them.
 */
export async function catchUpCredentialView(orm: MikroORM, batchSize = 500): Promise<number> {
  const project = async (tx: EntityManager, events: RecordedEvent[]) => void (await projectCredentialEvents(tx, events));
  const { last } = singleRow(await orm.em.fork().execute<{ last: string }[]>(LAST_POSITION));
  let total = 0;
  for (;;) {
    const read = await processBatch(orm.em.fork(), CREDENTIAL_VIEW_PROJECTION, project, { batchSize, streamTypes: STREAM_TYPES });
    total += read;
    if (read === batchSize) continue;
    const { done } = singleRow(
      await orm.em.fork().execute<{ done: boolean }[]>(BEHIND, [CREDENTIAL_VIEW_PROJECTION, last, CREDENTIAL_STREAM_TYPE]),
    );
    if (done) return total;
    if (read === 0) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
