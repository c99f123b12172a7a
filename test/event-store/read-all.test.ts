import type { EntityManager } from '@mikro-orm/postgresql';
import {
  appendToStream,
  appendUnversioned,
  checkpointOf,
  processBatch,
  readAll,
  readCheckpoint,
  resetCheckpoint,
  START,
  storeCheckpoint,
  type Checkpoint,
  type RecordedEvent,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { deferred, eventually, waitForLockWaiters } from '../support/async.js';

// readAll only returns events below the oldest transaction running anywhere
// in the cluster, and other test files run in parallel: assertions that need
// events to become visible poll instead of expecting them at once.

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();
const access = { streamType: 'credential', tenant: 'acme' };

beforeAll(async () => {
  db = await createTestDatabase('es_read_all');
  await em().execute('create table test_projection (event_id uuid primary key, stream_id text not null)');
});
afterAll(() => db.close());

function append(streamId: string, types: string[]) {
  return em().transactional((tx) =>
    appendToStream(
      tx,
      streamId,
      types.map((type) => ({ type, data: {} })),
      { ...access, expectedVersion: 'any' },
    ),
  );
}

/** Reads from `from` until `wanted` stream ids have all been seen; returns every event read. */
async function consumeUntil(from: Checkpoint, wanted: string[]): Promise<{ events: RecordedEvent[]; at: Checkpoint }> {
  const events: RecordedEvent[] = [];
  let at = from;
  await eventually(
    async () => {
      const batch = await readAll(em(), at, 2);
      events.push(...batch);
      if (batch.length > 0) at = checkpointOf(batch.at(-1)!);
      return wanted.every((s) => events.some((e) => e.streamId === s));
    },
    10_000,
    `reading ${wanted.join(', ')}`,
  );
  return { events, at };
}

describe('readAll', () => {
  it('returns committed events in (transaction_id, global_position) order, strictly after the checkpoint', async () => {
    await append('ra-1', ['A', 'B']);
    await appendUnversioned(em(), 'ra-2', { type: 'SecretRevealed', data: {} }, access);
    await append('ra-3', ['C']);
    const { events } = await consumeUntil(START, ['ra-1', 'ra-2', 'ra-3']);
    const keys = events.map((e) => [BigInt(e.transactionId), e.globalPosition] as const);
    const sorted = [...keys].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    const after = await readAll(em(), checkpointOf(events[0]!), 100);
    expect(after[0]!.eventId).toBe(events[1]!.eventId);
  });

  it('never skips an event whose transaction commits after a later position was read', async () => {
    const { at: caughtUp } = await consumeUntil(START, []);
    const lateAppended = deferred<RecordedEvent>();
    const commitLate = deferred();
    const late = em().transactional(async (tx) => {
      const { events } = await appendToStream(tx, 'late-A', [{ type: 'Late', data: {} }], { ...access, expectedVersion: 'no_stream' });
      lateAppended.resolve(events[0]!);
      await commitLate.promise;
    });
    const a = await lateAppended.promise;
    const b = (await append('late-B', ['Early'])).events[0]!;
    expect(a.globalPosition).toBeLessThan(b.globalPosition);

    // A consumer that orders by position alone reads B now and moves past A's position.
    const naive = async (after: number) =>
      (
        await em().execute<{ stream_id: string; global_position: string }[]>(
          'select stream_id, global_position from kl_events where global_position > ? order by global_position',
          [after],
        )
      ).map((r) => r.stream_id);
    expect(await naive(a.globalPosition - 1)).toEqual(['late-B']);

    const whileOpen = await readAll(em(), caughtUp, 100);
    expect(whileOpen.map((e) => e.streamId)).not.toContain('late-B');

    commitLate.resolve();
    await late;
    expect(await naive(b.globalPosition)).toEqual([]); // the naive consumer has lost A for good

    const { events } = await consumeUntil(caughtUp, ['late-A', 'late-B']);
    const seen = [...whileOpen, ...events].filter((e) => e.streamId.startsWith('late-'));
    expect(seen.map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
  });
});

const project = async (tx: EntityManager, events: RecordedEvent[]) => {
  for (const e of events) await tx.execute('insert into test_projection values (?, ?)', [e.eventId, e.streamId]);
};
const projected = async (): Promise<string[]> =>
  (await em().execute<{ event_id: string }[]>('select event_id from test_projection order by event_id')).map((r) => r.event_id);

/** The whole log, straight from the table, in log order. */
const logInOrder = () =>
  em().execute<{ event_id: string; transaction_id: string; global_position: string }[]>(
    'select event_id, transaction_id, global_position from kl_events order by transaction_id, global_position',
  );

/** Runs the consumer until a batch finds nothing new and `done` holds. */
async function drain(name: string, done: () => Promise<boolean>): Promise<void> {
  await eventually(
    async () => (await processBatch(em(), name, project, { batchSize: 3 })) === 0 && (await done()),
    10_000,
    `consumer ${name}`,
  );
}

describe('processBatch', () => {
  const consumer = 'test-projection';

  beforeAll(async () => {
    await append('pb-1', ['A', 'B', 'C', 'D']);
  });

  it('stores nothing, neither writes nor checkpoint, when the handler throws', async () => {
    const boom = new Error('handler failed');
    await eventually(async () => (await readAll(em(), START, 1)).length > 0, 10_000, 'first event visible');
    await expect(
      processBatch(em(), consumer, async (tx, events) => {
        await project(tx, events);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await readCheckpoint(em(), consumer)).toEqual(START);
    expect(await projected()).toEqual([]);
  });

  it('commits the handler writes and the checkpoint together, batch by batch, each event once', async () => {
    const all = await logInOrder();
    await drain(consumer, async () => (await projected()).length >= all.length);
    expect(await projected()).toEqual(all.map((e) => e.event_id).sort());
    const last = all.at(-1)!;
    expect(await readCheckpoint(em(), consumer)).toEqual({
      transactionId: last.transaction_id,
      globalPosition: Number(last.global_position),
    });
  });

  it('lets one worker at a time run a consumer; the second continues from the first one checkpoint', async () => {
    await append('pb-2', ['E', 'F']);
    const handledByFirst = deferred<RecordedEvent[]>();
    const releaseFirst = deferred();
    let first: Promise<number> | undefined;
    await eventually(
      async () => {
        first = processBatch(em(), consumer, async (tx, events) => {
          await project(tx, events);
          handledByFirst.resolve(events);
          await releaseFirst.promise;
        });
        return (await Promise.race([first, handledByFirst.promise.then(() => -1)])) === -1;
      },
      10_000,
      'first worker holding a batch',
    );
    const seenBySecond: RecordedEvent[] = [];
    const second = processBatch(em(), consumer, async (tx, events) => {
      seenBySecond.push(...events);
      await project(tx, events);
    });
    await waitForLockWaiters(db.orm.em);
    releaseFirst.resolve();
    const firstEvents = await handledByFirst.promise;
    expect(await first).toBe(firstEvents.length);
    await second;
    const overlap = seenBySecond.filter((e) => firstEvents.some((f) => f.eventId === e.eventId));
    expect(overlap).toEqual([]);
  });

  it('replays the whole log after a reset and rebuilds the same result', async () => {
    const all = await logInOrder();
    await drain(consumer, async () => (await projected()).length >= all.length);
    const before = await projected();
    expect(before).toEqual(all.map((e) => e.event_id).sort());
    const at = await readCheckpoint(em(), consumer);
    await em().transactional(async (tx) => {
      await resetCheckpoint(tx, consumer);
      await tx.execute('delete from test_projection');
    });
    expect(await readCheckpoint(em(), consumer)).toEqual(START);
    await drain(consumer, async () => (await projected()).length >= before.length);
    expect(await projected()).toEqual(before);
    expect(await readCheckpoint(em(), consumer)).toEqual(at);
  });

  it('stores and reads checkpoints by name', async () => {
    await em().transactional((tx) => storeCheckpoint(tx, 'other', { transactionId: '12345', globalPosition: 77 }));
    expect(await readCheckpoint(em(), 'other')).toEqual({ transactionId: '12345', globalPosition: 77 });
    expect(await readCheckpoint(em(), 'never-ran')).toEqual(START);
  });
});
