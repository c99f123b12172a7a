import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { CREDENTIAL_STREAM_TYPE } from '../credential-stream.js';
import type { CredentialView } from './credential-view.js';
import { projectGrantEvents } from './credential-grants.writer.js';
import { evolveCredentialView } from './credential-view.evolve.js';
import { fromRow, toRecord, VIEW_COLUMNS, type CredentialRow } from './credential-view.row.js';

// MikroORM expands an array parameter into a list: `in (?)` takes the ids.
const SELECT_VIEWS = `select * from kl_credentials where id in (?)`;
const columns = VIEW_COLUMNS.join(', ');
const updates = VIEW_COLUMNS.filter((c) => c !== 'id')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
// Every row a batch changed in one statement: a replay writes a batch of 500
// events with one upsert instead of one per credential. The rows come as one
// JSON array typed by the table's own row type. Each id appears once (the
// writer folds a credential's events into its last row first), as ON CONFLICT
// DO UPDATE requires. The version guard makes a replayed or out-of-order
// event a no-op.
const UPSERT_VIEWS = `insert into kl_credentials (${columns})
  select ${columns} from jsonb_populate_recordset(null::kl_credentials, ?::jsonb)
  on conflict (id) do update set ${updates} where kl_credentials.version < excluded.version`;

/**
 * Applies credential events to the read model, in the caller's transaction.
 * Returns the resulting row of every credential the events touch.
 */
export async function projectCredentialEvents(tx: EntityManager, events: RecordedEvent[]): Promise<Map<string, CredentialView>> {
  const relevant = events.filter((e) => e.streamType === CREDENTIAL_STREAM_TYPE && e.streamVersion !== null);
  if (relevant.length === 0) return new Map();
  // A stream that starts here has no row to read; the upsert's version guard
  // still protects a row a replay finds already there.
  const firstVersion = new Map<string, number>();
  for (const e of relevant) if (!firstVersion.has(e.data.credentialId)) firstVersion.set(e.data.credentialId, e.streamVersion!);
  const docs = await loadViews(
    tx,
    [...firstVersion].filter(([, version]) => version > 1).map(([id]) => id),
  );
  const changed = new Map<string, CredentialView>();
  const applied: CredentialEvent[] = [];
  for (const event of relevant) {
    const id = event.data.credentialId as string;
    const doc = docs.get(id) ?? null;
    if (doc && doc.version >= event.streamVersion!) continue;
    const next = evolveCredentialView(doc, event as unknown as CredentialEvent, event.streamVersion!);
    if (!next) continue;
    docs.set(id, next);
    changed.set(id, next);
    applied.push(event as unknown as CredentialEvent);
  }
  if (changed.size > 0) await tx.execute(UPSERT_VIEWS, [JSON.stringify([...changed.values()].map(toRecord))], 'run');
  await projectGrantEvents(tx, applied);
  return docs;
}

export async function loadViews(em: EntityManager, ids: string[]): Promise<Map<string, CredentialView>> {
  if (ids.length === 0) return new Map();
  const rows = await em.execute<CredentialRow[]>(SELECT_VIEWS, [ids]);
  return new Map(rows.map((row) => [row.id, fromRow(row)]));
}
