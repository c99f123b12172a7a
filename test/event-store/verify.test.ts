import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { appendToStream, appendUnversioned, eventHash, verifyLog, type RecordedEvent, type VerifyResult } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { inTamperedLog } from '../support/tamper.js';

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();
const access = { streamType: 'credential', tenant: 'acme' };

/** s1 v1..v4, each version in its own transaction; s2 v1..v2 in one; two unversioned records. */
const log: Partial<Record<string, RecordedEvent>> = {};

async function append(streamId: string, types: string[], expectedVersion: number): Promise<RecordedEvent[]> {
  const { events } = await em().transactional((tx) =>
    appendToStream(
      tx,
      streamId,
      types.map((type, i) => ({ type, data: { step: i, note: `${streamId} ${type}` } })),
      {
        ...access,
        expectedVersion,
      },
    ),
  );
  return events;
}

beforeAll(async () => {
  db = await createTestDatabase('es_verify');
  [log.s1v1] = await append('s1', ['Registered'], 0);
  [log.u1] = [await appendUnversioned(em(), 's1', { type: 'SecretRevealed', data: { by: 'svc' } }, access)];
  [log.s1v2] = await append('s1', ['Renamed'], 1);
  [log.s1v3] = await append('s1', ['SecretRotated'], 2);
  [log.s2v1, log.s2v2] = await append('s2', ['Registered', 'Labelled'], 0);
  [log.s1v4] = await append('s1', ['Deactivated'], 3);
  [log.u2] = [await appendUnversioned(em(), 's2', { type: 'SecretRevealed', data: { by: 'svc' } }, access)];
});
afterAll(() => db.close());

/** Tampers as a superuser with the append-only trigger off, verifies, and rolls everything back. */
const verifyTampered = (tamper: (tx: EntityManager) => Promise<unknown>, batchSize = 2): Promise<VerifyResult> =>
  inTamperedLog(em(), async (tx) => {
    await tamper(tx);
    return verifyLog(tx, { batchSize });
  });

const pos = (name: string) => log[name]!.globalPosition;

describe('verifyLog', () => {
  afterEach(async () => {
    expect(await verifyLog(em(), { batchSize: 3 })).toEqual({ ok: true, checked: 8 });
  });

  it('passes a clean log, whatever the batch size', async () => {
    for (const batchSize of [1, 2, 1000]) expect(await verifyLog(em(), { batchSize })).toEqual({ ok: true, checked: 8 });
  });

  it('names a changed data field', async () => {
    const result = await verifyTampered((tx) =>
      tx.execute(`update kl_events set data = jsonb_set(data, '{note}', '"forged"') where global_position = ?`, [pos('s1v2')]),
    );
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('s1v2') });
    expect(result.reason).toMatch(/hash mismatch/);
  });

  it('names the event after a deleted one', async () => {
    const result = await verifyTampered((tx) => tx.execute('delete from kl_events where global_position = ?', [pos('s1v2')]));
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('s1v3') });
    expect(result.reason).toMatch(/stream s1: version 3 where 2 was expected/);
  });

  it("names a stream's new last event when its last event is deleted", async () => {
    const result = await verifyTampered((tx) => tx.execute('delete from kl_events where global_position = ?', [pos('s2v2')]));
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('s2v1') });
    expect(result.reason).toMatch(/stream row says version 2, the log ends at version 1/);
  });

  it('names the first of two swapped events', async () => {
    const [a, b] = [log.s1v2!, log.s1v3!];
    const result = await verifyTampered(async (tx) => {
      const move = 'update kl_events set global_position = ?, transaction_id = ?::xid8 where global_position = ?';
      await tx.execute(move, [-1, a.transactionId, a.globalPosition]);
      await tx.execute(move, [a.globalPosition, a.transactionId, b.globalPosition]);
      await tx.execute(move, [b.globalPosition, b.transactionId, -1]);
    });
    const s1v3AtA: unknown[] = await em().execute('select 1 from kl_events where global_position = ? and stream_version = 2', [
      a.globalPosition,
    ]);
    expect(s1v3AtA).toHaveLength(1); // rolled back: the original order is intact
    expect(result).toMatchObject({ ok: false, firstBadPosition: a.globalPosition });
  });

  it('names an inserted event even when its hash is computed correctly', async () => {
    const last = log.s1v4!;
    let forged = 0;
    const result = await verifyTampered(async (tx) => {
      const [row] = await tx.execute<{ p: string }[]>(`select nextval('kl_events_position_seq') as p`);
      forged = Number(row!.p);
      const e = {
        globalPosition: forged,
        streamId: 's1',
        streamVersion: 5,
        type: 'Reactivated',
        data: {},
        metadata: {},
        eventId: randomUUID(),
        tenant: 'acme',
      };
      const hash = eventHash(Buffer.from(last.hash, 'hex'), e);
      await tx.execute(
        `insert into kl_events (global_position, event_id, stream_id, stream_type, stream_version, tenant, type, data, metadata, prev_hash, hash)
         values (?, ?, 's1', 'credential', 5, 'acme', 'Reactivated', '{}', '{}', decode(?, 'hex'), decode(?, 'hex'))`,
        [forged, e.eventId, last.hash, hash.toString('hex')],
      );
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: forged });
    expect(result.reason).toMatch(/stream row says version 4, the log ends at version 5/);
  });

  it('names a forged record slipped into the middle of the log order', async () => {
    const result = await verifyTampered((tx) =>
      tx.execute(
        `insert into kl_events (global_position, transaction_id, event_id, stream_id, stream_type, tenant, type, data, hash)
         values (999999, ?::xid8, gen_random_uuid(), 's1', 'credential', 'acme', 'SecretRevealed', '{}', sha256('x'))`,
        [log.s1v1!.transactionId],
      ),
    );
    expect(result).toMatchObject({ ok: false, firstBadPosition: 999999 });
  });

  it('reports the earliest of several problems in log order', async () => {
    const result = await verifyTampered(async (tx) => {
      await tx.execute(`update kl_events set type = 'Forged' where global_position = ?`, [pos('s1v4')]);
      await tx.execute('delete from kl_events where global_position = ?', [pos('s1v2')]);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('s1v3') });
  });
});
