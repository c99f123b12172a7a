import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EnvKeyProvider } from '#crypto';
import {
  appendToStream,
  appendUnversioned,
  catchUpSeals,
  eventHash,
  SealRefused,
  verifyLog,
  verifySealedLog,
  type RecordedEvent,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventually } from '../support/async.js';
import { catchUpUntil } from '../support/projections.js';
import { inTamperedLog } from '../support/tamper.js';

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();
const k1 = { id: 'k1', key: randomBytes(32) };
const keys = new EnvKeyProvider([k1]);
const opts = { streamType: 'credential', tenant: 'acme' };
const access = { streamType: 'credential_access', tenant: 'acme' };
const log: Partial<Record<string, RecordedEvent>> = {};

async function append(streamId: string, types: string[], expectedVersion: number): Promise<RecordedEvent[]> {
  const data = (i: number) => ({ step: i, note: `${streamId} ${types[i]}` });
  const { events } = await em().transactional((tx) =>
    appendToStream(
      tx,
      streamId,
      types.map((type, i) => ({ type, data: data(i) })),
      { ...opts, expectedVersion },
    ),
  );
  return events;
}

const reveal = (streamId: string) => appendUnversioned(em(), streamId, { type: 'SecretRevealed', data: { actor: 'svc' } }, access);

beforeAll(async () => {
  db = await createTestDatabase('events_seal_tamper');
  [log.s1v1] = await append('s1', ['Registered'], 0);
  log.u1 = await reveal('credential-access-s1');
  [log.s1v2] = await append('s1', ['Renamed'], 1);
  [log.s2v1, log.s2v2] = await append('s2', ['Registered', 'Labelled'], 0);
  log.u2 = await reveal('credential-access-s2');
  [log.s1v3] = await append('s1', ['Deactivated'], 2);
  await catchUpUntil(em, (e) => catchUpSeals(e, keys, { batchSize: 3 }), 'kl_event_seals', 7);
});
afterAll(() => db.close());

const pos = (name: string) => log[name]!.globalPosition;
const verifyIn = (tx: EntityManager) => verifySealedLog(tx, keys, { batchSize: 2 });

/** The SHA-256 an unversioned record would carry with these fields: what a forger can compute. */
function unkeyedHash(e: Pick<RecordedEvent, 'globalPosition' | 'streamId' | 'type' | 'data' | 'metadata' | 'eventId' | 'tenant'>): string {
  return eventHash(null, { ...e, streamVersion: null }).toString('hex');
}

const REHASH = `update kl_events set hash = decode(?, 'hex') where global_position = ?`;

describe('verifySealedLog on an untouched log', () => {
  it('is ok, counts every event, access records included, and reports the sealed horizon', async () => {
    const horizon = [log.s1v3!, log.u2!].sort((a, b) => (BigInt(a.transactionId) < BigInt(b.transactionId) ? 1 : -1))[0]!;
    for (const batchSize of [1, 2, 1000]) {
      expect(await verifySealedLog(em(), keys, { batchSize })).toEqual({ ok: true, checked: 7, sealedThrough: horizon.globalPosition });
    }
  });
});

describe('verifySealedLog names the first tampered position, as a superuser with the triggers off', () => {
  afterEach(async () => {
    expect(await verifySealedLog(em(), keys)).toMatchObject({ ok: true, checked: 7 });
  });

  it('(a) a changed data field', async () => {
    const result = await inTamperedLog(em(), async (tx) => {
      await tx.execute(`update kl_events set data = jsonb_set(data, '{note}', '"forged"') where global_position = ?`, [pos('s1v2')]);
      return verifyIn(tx);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('s1v2'), reason: expect.stringMatching(/hash mismatch/) });
  });

  it('(a) a changed access record whose unkeyed hash was recomputed: only the seal sees it', async () => {
    const result = await inTamperedLog(em(), async (tx) => {
      const u1 = log.u1!;
      await tx.execute(`update kl_events set data = '{"actor":"nobody"}' where global_position = ?`, [u1.globalPosition]);
      await tx.execute(REHASH, [unkeyedHash({ ...u1, data: { actor: 'nobody' } }), u1.globalPosition]);
      expect(await verifyLog(tx)).toMatchObject({ ok: true });
      return verifyIn(tx);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('u1'), reason: expect.stringMatching(/not the one sealed there/) });
  });

  it('(a) a changed recorded_at, which no hash covers', async () => {
    const result = await inTamperedLog(em(), async (tx) => {
      await tx.execute(`update kl_events set recorded_at = recorded_at + interval '1 microsecond' where global_position = ?`, [
        pos('s2v1'),
      ]);
      return verifyIn(tx);
    });
    expect(result).toMatchObject({
      ok: false,
      firstBadPosition: pos('s2v1'),
      reason: expect.stringMatching(/seal of position .* does not match/),
    });
  });

  it('(b) a deleted access record, which leaves no gap in any stream', async () => {
    const result = await inTamperedLog(em(), async (tx) => {
      await tx.execute('delete from kl_events where global_position = ?', [pos('u1')]);
      expect(await verifyLog(tx)).toMatchObject({ ok: true });
      return verifyIn(tx);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('u1'), reason: expect.stringMatching(/is gone/) });
  });

  it('(b) a deleted event together with its seal: named at the next sealed event', async () => {
    const result = await inTamperedLog(em(), async (tx) => {
      await tx.execute('delete from kl_events where global_position = ?', [pos('u1')]);
      await tx.execute('delete from kl_event_seals where global_position = ?', [pos('u1')]);
      return verifyIn(tx);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('s1v2'), reason: expect.stringMatching(/sealed events were removed/) });
  });

  it('(b) the last event and its seal cut off the end, stream row rolled back to match', async () => {
    const [last, before] = [log.s1v3!, log.s1v2!];
    const result = await inTamperedLog(em(), async (tx) => {
      await tx.execute('delete from kl_events where global_position = ?', [last.globalPosition]);
      await tx.execute('delete from kl_event_seals where global_position = ?', [last.globalPosition]);
      await tx.execute(`update kl_streams set version = 2, last_hash = decode(?, 'hex') where stream_id = 's1'`, [before.hash]);
      expect(await verifyLog(tx)).toMatchObject({ ok: true });
      return verifyIn(tx);
    });
    expect(result).toMatchObject({
      ok: false,
      firstBadPosition: last.globalPosition,
      reason: expect.stringMatching(/seals were removed from its end/),
    });
  });

  it('(c) two access records swapped, hashes recomputed: named at the first of them', async () => {
    const [a, b] = [log.u1!, log.u2!];
    const result = await inTamperedLog(em(), async (tx) => {
      const move = 'update kl_events set global_position = ?, transaction_id = ?::xid8 where global_position = ?';
      await tx.execute(move, [-1, a.transactionId, a.globalPosition]);
      await tx.execute(move, [a.globalPosition, a.transactionId, b.globalPosition]);
      await tx.execute(move, [b.globalPosition, b.transactionId, -1]);
      await tx.execute(REHASH, [unkeyedHash({ ...b, globalPosition: a.globalPosition }), a.globalPosition]);
      await tx.execute(REHASH, [unkeyedHash({ ...a, globalPosition: b.globalPosition }), b.globalPosition]);
      expect(await verifyLog(tx)).toMatchObject({ ok: true });
      return verifyIn(tx);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: a.globalPosition });
  });

  it('(c) an event moved in log order by rewriting its transaction_id', async () => {
    const result = await inTamperedLog(em(), async (tx) => {
      await tx.execute('update kl_events set transaction_id = ?::xid8 where global_position = ?', [log.s1v1!.transactionId, pos('u2')]);
      return verifyIn(tx);
    });
    expect(result).toMatchObject({ ok: false, firstBadPosition: pos('u2') });
  });

  it('(d) a forged access record with a correct unkeyed hash, below the sealed horizon', async () => {
    const result = await inTamperedLog(em(), async (tx) => {
      const [row] = await tx.execute<{ p: string }[]>(`select nextval('kl_events_position_seq') as p`);
      const forged = {
        globalPosition: Number(row!.p),
        streamId: 'credential-access-s1',
        type: 'SecretRevealed',
        data: {},
        metadata: {},
        eventId: randomUUID(),
        tenant: 'acme',
      };
      await tx.execute(
        `insert into kl_events (global_position, transaction_id, event_id, stream_id, stream_type, tenant, type, data, metadata, hash)
         values (?, ?::xid8, ?, ?, 'credential_access', 'acme', 'SecretRevealed', '{}', '{}', decode(?, 'hex'))`,
        [forged.globalPosition, log.s1v2!.transactionId, forged.eventId, forged.streamId, unkeyedHash(forged)],
      );
      expect(await verifyLog(tx)).toMatchObject({ ok: true });
      return { result: await verifyIn(tx), forged: forged.globalPosition };
    });
    expect(result.result).toMatchObject({
      ok: false,
      firstBadPosition: result.forged,
      reason: expect.stringMatching(/below the sealed horizon without a seal/),
    });
  });

  it('(d) a forged record whose transaction id was never issued, written in a replica session', async () => {
    const forged = {
      globalPosition: 999999,
      streamId: 'credential-access-s1',
      type: 'SecretRevealed',
      data: {},
      metadata: {},
      eventId: randomUUID(),
      tenant: 'acme',
    };
    const result = await inTamperedLog(
      em(),
      async (tx) => {
        await tx.execute(
          `insert into kl_events (global_position, transaction_id, event_id, stream_id, stream_type, tenant, type, data, metadata, hash)
         values (999999, '99999999999'::xid8, ?, ?, 'credential_access', 'acme', 'SecretRevealed', '{}', '{}', decode(?, 'hex'))`,
          [forged.eventId, forged.streamId, unkeyedHash(forged)],
        );
        expect(await verifyLog(tx)).toMatchObject({ ok: true });
        return verifyIn(tx);
      },
      'replication role',
    );
    expect(result).toMatchObject({ ok: false, firstBadPosition: 999999, reason: expect.stringMatching(/never issued/) });
  });
});

describe('the sealer', () => {
  it('refuses to seal an event altered before it reached it', async () => {
    const late = await reveal('credential-access-s2');
    const visible = `select 1 from kl_events where global_position = ? and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`;
    await eventually(
      async () => (await em().execute(visible, [late.globalPosition])).length === 1,
      20_000,
      'the late event visible to consumers',
    );
    const error = await inTamperedLog(em(), async (tx) => {
      await tx.execute(`update kl_events set data = '{"actor":"mallory"}' where global_position = ?`, [late.globalPosition]);
      return catchUpSeals(tx, keys).catch((e: unknown) => e);
    });
    expect(error).toBeInstanceOf(SealRefused);
    expect(await verifySealedLog(em(), keys)).toMatchObject({ ok: true, checked: 8 });
  });
});
