import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import {
  appendToStream,
  appendUnversioned,
  eventHash,
  readStream,
  type AppendOptions,
  type ExpectedVersion,
  type NewEvent,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { deferred, waitForLockWaiters, within } from '../support/async.js';

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase('es_append');
});
afterAll(() => db.close());

const opts = (expectedVersion: ExpectedVersion): AppendOptions => ({ streamType: 'credential', tenant: 'acme', expectedVersion });
const ev = (type: string, data: Record<string, unknown> = {}): NewEvent => ({ type, data });

function append(streamId: string, events: NewEvent[], expected: ExpectedVersion) {
  return em().transactional((tx) => appendToStream(tx, streamId, events, opts(expected)));
}

async function conflictOf(promise: Promise<unknown>): Promise<KeyledgerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeyledgerError);
  expect((error as KeyledgerError).code).toBe('VERSION_CONFLICT');
  return error as KeyledgerError;
}

describe('appendToStream', () => {
  it('numbers a new stream from 1, chains the hashes and reads back what it wrote', async () => {
    const result = await append('s-new', [ev('A', { n: 1 }), ev('B', { nested: { z: 1, a: [1, 'x'] } }), ev('C')], 'no_stream');
    expect(result.nextVersion).toBe(3);
    expect(result.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(result.positions).toEqual([...result.positions].sort((a, b) => a - b));
    expect(new Set(result.positions).size).toBe(3);
    expect(result.events[0]!.prevHash).toBeNull();
    expect(result.events[1]!.prevHash).toBe(result.events[0]!.hash);
    expect(result.events[2]!.prevHash).toBe(result.events[1]!.hash);
    expect(new Set(result.events.map((e) => e.transactionId)).size).toBe(1);
    const read = await readStream(em(), 's-new');
    expect(read.version).toBe(3);
    expect(read.events).toEqual(result.events);
    expect(read.events[1]!.data).toEqual({ nested: { z: 1, a: [1, 'x'] } });
    expect(read.events[0]!.recordedAt).toBeInstanceOf(Date);
    expect(Math.abs(read.events[0]!.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('continues the chain across appends and reads from a version on', async () => {
    const first = await append('s-cont', [ev('A')], 0);
    const second = await append('s-cont', [ev('B'), ev('C')], 1);
    expect(second.nextVersion).toBe(3);
    expect(second.events[0]!.prevHash).toBe(first.events[0]!.hash);
    const tail = await readStream(em(), 's-cont', { fromVersion: 2 });
    expect(tail.version).toBe(3);
    expect(tail.events.map((e) => e.type)).toEqual(['B', 'C']);
    expect(await readStream(em(), 's-cont', { fromVersion: 4 })).toEqual({ version: 3, events: [] });
    expect(await readStream(em(), 'no-such-stream')).toEqual({ version: 0, events: [] });
  });

  it('stores a hash that eventHash recomputes from the stored fields', async () => {
    const { events } = await append('s-hash', [ev('A', { b: 2, a: 1 }), ev('B')], 'no_stream');
    for (const e of events) {
      const prev = e.prevHash === null ? null : Buffer.from(e.prevHash, 'hex');
      expect(eventHash(prev, e).toString('hex')).toBe(e.hash);
    }
  });

  it('rejects a stale expected version with VERSION_CONFLICT and writes nothing', async () => {
    await append('s-stale', [ev('A'), ev('B')], 'no_stream');
    const stale = await conflictOf(append('s-stale', [ev('C')], 1));
    expect(stale.message).toBe('stream s-stale is at version 2, expected 1');
    expect(stale.details).toEqual({ expected: 1, actual: 2 });
    const again = await conflictOf(append('s-stale', [ev('C')], 'no_stream'));
    expect(again.details).toEqual({ expected: 0, actual: 2 });
    await conflictOf(append('s-missing', [ev('A')], 3));
    expect((await readStream(em(), 's-stale')).version).toBe(2);
    expect((await readStream(em(), 's-missing')).version).toBe(0);
  });

  it('stores any JSON data and metadata unchanged, with hashes that verify', async () => {
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => !(JSON.stringify(v) ?? '').includes('\\u0000'));
    const record = fc.dictionary(
      fc.string({ maxLength: 8 }).filter((k) => !k.includes('\u0000')),
      json,
      { maxKeys: 4 },
    );
    const newEvent = fc.record({ type: fc.constantFrom('A', "it's", 'q?', 'back\\slash'), data: record, metadata: record });
    await fc.assert(
      fc.asyncProperty(fc.array(newEvent, { minLength: 1, maxLength: 3 }), async (events) => {
        const streamId = `p-${randomUUID()}`;
        await append(streamId, events, 'no_stream');
        const read = await readStream(em(), streamId);
        expect(read.events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }))).toEqual(
          events.map((e) => JSON.parse(JSON.stringify(e)) as unknown),
        );
        for (const e of read.events) {
          const prev = e.prevHash === null ? null : Buffer.from(e.prevHash, 'hex');
          expect(eventHash(prev, e).toString('hex')).toBe(e.hash);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("appends with 'any' whether or not the stream exists", async () => {
    expect((await append('s-any', [ev('A')], 'any')).nextVersion).toBe(1);
    const second = await append('s-any', [ev('B'), ev('C')], 'any');
    expect(second.events.map((e) => e.streamVersion)).toEqual([2, 3]);
  });

  it('writes nothing for an empty append but still checks the version', async () => {
    await append('s-empty', [ev('A')], 'no_stream');
    expect(await append('s-empty', [], 1)).toEqual({ nextVersion: 1, positions: [], events: [] });
    await conflictOf(append('s-empty', [], 0));
  });

  it('refuses to run outside a transaction', async () => {
    await expect(appendToStream(em(), 's-notx', [ev('A')], opts('no_stream'))).rejects.toThrow(/inside em.transactional/);
  });

  it('keeps a caller-supplied event id (in Postgres form) and refuses one that is not a UUID', async () => {
    const id = randomUUID();
    const { events } = await append('s-id', [{ ...ev('A'), eventId: id.toUpperCase() }], 'no_stream');
    expect(events[0]!.eventId).toBe(id);
    const bad = await append('s-id', [{ ...ev('B'), eventId: 'nope' }], 1).catch((e: unknown) => e);
    expect((bad as KeyledgerError).code).toBe('VALIDATION_FAILED');
  });

  it('rolls back with the transaction of the caller', async () => {
    const boom = new Error('boom');
    const run = em().transactional(async (tx) => {
      await appendToStream(tx, 's-rollback', [ev('A')], opts('no_stream'));
      throw boom;
    });
    await expect(run).rejects.toBe(boom);
    expect(await readStream(em(), 's-rollback')).toEqual({ version: 0, events: [] });
  });
});

describe('concurrent appends', () => {
  it('to one stream with the same expected version: one succeeds, the other gets VERSION_CONFLICT', async () => {
    await append('c-same', [ev('A')], 'no_stream');
    const firstAppended = deferred();
    const releaseFirst = deferred();
    const first = em().transactional(async (tx) => {
      const result = await appendToStream(tx, 'c-same', [ev('first')], opts(1));
      firstAppended.resolve();
      await releaseFirst.promise;
      return result;
    });
    await firstAppended.promise;
    const second = append('c-same', [ev('second')], 1);
    const settledSecond = second.then(
      () => undefined,
      () => undefined,
    );
    await waitForLockWaiters(db.orm.em);
    releaseFirst.resolve();
    expect((await first).nextVersion).toBe(2);
    const conflict = await conflictOf(second);
    await settledSecond;
    expect(conflict.details).toEqual({ expected: 1, actual: 2 });
    expect((await readStream(em(), 'c-same')).events.map((e) => e.type)).toEqual(['A', 'first']);
  });

  it('racing without coordination never lose an update', async () => {
    await append('c-race', [ev('A')], 'no_stream');
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => append('c-race', [ev(`r${i}`)], 1)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as KeyledgerError).code).toBe('VERSION_CONFLICT');
    const any = await Promise.all(Array.from({ length: 6 }, (_, i) => append('c-race', [ev(`any${i}`)], 'any')));
    expect(any.map((r) => r.nextVersion).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8]);
    const read = await readStream(em(), 'c-race');
    expect(read.version).toBe(8);
    expect(read.events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('to two different streams do not block each other: the second commits while the first is open', async () => {
    const firstAppended = deferred();
    const releaseFirst = deferred();
    const first = em().transactional(async (tx) => {
      await appendToStream(tx, 'c-one', [ev('A')], opts('no_stream'));
      firstAppended.resolve();
      await releaseFirst.promise;
    });
    await firstAppended.promise;
    try {
      await within(append('c-two', [ev('B')], 'no_stream'), 3000, 'append to another stream');
      expect((await readStream(em(), 'c-two')).version).toBe(1);
      expect((await readStream(em(), 'c-one')).version).toBe(0);
    } finally {
      releaseFirst.resolve();
      await first;
    }
    expect((await readStream(em(), 'c-one')).version).toBe(1);
  });
});

describe('appendUnversioned', () => {
  const access = { streamType: 'credential', tenant: 'acme' };

  it('records without a version or a stream row, with or without a transaction', async () => {
    const bare = await appendUnversioned(em(), 'u-1', ev('SecretRevealed', { by: 'svc' }), access);
    const inTx = await em().transactional((tx) => appendUnversioned(tx, 'u-1', ev('SecretRevealed', { by: 'svc2' }), access));
    expect(bare.streamVersion).toBeNull();
    expect(bare.prevHash).toBeNull();
    expect(inTx.globalPosition).toBeGreaterThan(bare.globalPosition);
    expect(await readStream(em(), 'u-1')).toEqual({ version: 0, events: [] });
    const rows: unknown[] = await em().execute(`select 1 from kl_streams where stream_id = 'u-1'`);
    expect(rows).toHaveLength(0);
  });

  it('does not touch the version of a versioned stream it records against', async () => {
    await append('u-versioned', [ev('A')], 'no_stream');
    await appendUnversioned(em(), 'u-versioned', ev('SecretRevealed'), access);
    expect(await append('u-versioned', [ev('B')], 1)).toMatchObject({ nextVersion: 2 });
  });

  it('hashes in SQL exactly as eventHash does in JavaScript, whatever the data', async () => {
    // jsonb and text cannot hold U+0000 (prepareEvent refuses it, tested below); everything else goes.
    const noNul = (s: string) => !s.includes('\u0000');
    const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => noNul(JSON.stringify(v) ?? ''));
    const record = fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }).filter(noNul), json, { maxKeys: 5 });
    await fc.assert(
      fc.asyncProperty(
        record,
        record,
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter(noNul),
        async (data, metadata, streamId) => {
          const e = await appendUnversioned(em(), streamId, { type: 'Probe', data, metadata }, access);
          expect(e.hash).toBe(eventHash(null, e).toString('hex'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses data jsonb cannot store, before writing anything', async () => {
    const error = await appendUnversioned(em(), 'u-nul', ev('Probe', { s: 'a\u0000b' }), access).catch((e: unknown) => e);
    expect((error as KeyledgerError).code).toBe('VALIDATION_FAILED');
    const stored = await appendUnversioned(em(), 'u-nul', ev('Probe', { s: 'a\\u0000b' }), access);
    expect(stored.data).toEqual({ s: 'a\\u0000b' });
  });
});
