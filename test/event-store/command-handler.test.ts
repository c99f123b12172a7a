import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, type CommandMetadata } from '#domain';
import {
  appendToStream,
  COMMAND_ATTEMPTS,
  commandHandler,
  fixedClock,
  readStream,
  type CommandEnvironment,
  type Decider,
  type IdSource,
} from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase('es_command_handler');
});
afterAll(() => db.close());

// A counter: `Add n` records Added (nothing for 0); the state is the sum.
type Add = { type: 'Add'; data: { n: number }; metadata: CommandMetadata };
type Added = { type: 'Added'; data: { n: number; at: string; actor: string } };
const counter: Decider<Add, Added, { total: number }> = {
  streamType: 'counter',
  decide: ({ data, metadata }) => (data.n === 0 ? [] : [{ type: 'Added', data: { n: data.n, at: metadata.now, actor: metadata.actor } }]),
  evolve: (state, event) => ({ total: state.total + event.data.n }),
  initialState: () => ({ total: 0 }),
};
const handle = commandHandler(counter);

const AT = new Date('2030-01-02T03:04:05.678Z');
// Event ids are unique across the log: one sequence for the whole file.
let issued = 0;
const sequentialIds: IdSource = { uuid: () => `00000000-0000-4000-8000-${String(++issued).padStart(12, '0')}` };
const env = (): CommandEnvironment => ({ clock: fixedClock(AT), ids: sequentialIds });
const add =
  (n: number) =>
  (_state: unknown, { metadata }: { metadata: CommandMetadata }): Add[] => [{ type: 'Add', data: { n }, metadata }];

/** Another writer commits an event on the stream, in its own transaction. */
const interfere = (streamId: string) =>
  em().transactional((tx) =>
    appendToStream(tx, streamId, [{ type: 'Added', data: { n: 100, at: 'elsewhere', actor: 'other' } }], {
      streamType: 'counter',
      tenant: 'acme',
      expectedVersion: 'any',
    }),
  );

describe('commandHandler', () => {
  it('appends what the commands decide with the version read, stamped by the injected clock, ids and actor', async () => {
    const firstId = `00000000-0000-4000-8000-${String(issued + 1).padStart(12, '0')}`;
    const first = await handle(em(), 'counter-1', add(2), { actor: 'alice', env: env(), tenant: 'acme' });
    expect(first.appended?.nextVersion).toBe(1);
    expect(first.state).toEqual({ total: 2 });
    const second = await handle(
      em(),
      'counter-1',
      (state) => [{ type: 'Add', data: { n: state.total }, metadata: { actor: 'bob', now: 'x' } }],
      {
        actor: 'bob',
        env: env(),
      },
    );
    expect(second.loaded).toMatchObject({ version: 1, state: { total: 2 }, tenant: 'acme' });
    expect(second.state).toEqual({ total: 4 });
    const stream = await readStream(em(), 'counter-1');
    expect(stream.version).toBe(2);
    expect(stream.events[0]).toMatchObject({
      eventId: firstId,
      tenant: 'acme',
      streamType: 'counter',
      data: { n: 2, at: AT.toISOString(), actor: 'alice' },
    });
  });

  it('appends nothing when the commands decide no event, and still runs `after` in the transaction', async () => {
    let appended: unknown = 'not called';
    const events = await handle(em(), 'counter-empty', add(0), {
      actor: 'alice',
      env: env(),
      tenant: 'acme',
      after: (outcome) => {
        appended = outcome.appended;
        return outcome.events;
      },
    });
    expect(events).toEqual([]);
    expect(appended).toBeNull();
    expect(await readStream(em(), 'counter-empty')).toEqual({ version: 0, events: [] });
  });

  it('reloads and decides again after a version conflict, on the state the other writer left', async () => {
    await handle(em(), 'counter-race', add(1), { actor: 'alice', env: env(), tenant: 'acme' });
    const seen: number[] = [];
    const outcome = await handle(
      em(),
      'counter-race',
      async (state, context) => {
        seen.push(state.total);
        if (seen.length === 1) await interfere('counter-race');
        return add(5)(state, context);
      },
      { actor: 'alice', env: env() },
    );
    expect(seen).toEqual([1, 101]);
    expect(outcome.appended?.nextVersion).toBe(3);
    expect(outcome.state).toEqual({ total: 106 });
  });

  it(`gives up after ${COMMAND_ATTEMPTS} attempts with VERSION_CONFLICT (409) and records none of its events`, async () => {
    await handle(em(), 'counter-lost', add(1), { actor: 'alice', env: env(), tenant: 'acme' });
    let attempts = 0;
    const lost = handle(
      em(),
      'counter-lost',
      async (state, context) => {
        attempts += 1;
        await interfere('counter-lost');
        return add(5)(state, context);
      },
      { actor: 'alice', env: env() },
    );
    await expect(lost).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await expect(lost).rejects.toBeInstanceOf(KeyledgerError);
    expect(attempts).toBe(COMMAND_ATTEMPTS);
    const stream = await readStream(em(), 'counter-lost');
    expect(stream.version).toBe(1 + COMMAND_ATTEMPTS);
    expect(stream.events.filter((e) => e.data.actor === 'alice')).toHaveLength(1);
  });

  it('retries only what `retry` accepts, and never a refusal of `authorize`', async () => {
    await handle(em(), 'counter-strict', add(1), { actor: 'alice', env: env(), tenant: 'acme' });
    let attempts = 0;
    const strict = handle(
      em(),
      'counter-strict',
      async (state, context) => {
        attempts += 1;
        await interfere('counter-strict');
        return add(5)(state, context);
      },
      { actor: 'alice', env: env(), retry: () => false },
    );
    await expect(strict).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(attempts).toBe(1);
    const refused = handle(em(), 'counter-strict', add(5), {
      actor: 'mallory',
      env: env(),
      authorize: () => {
        attempts += 1;
        throw new KeyledgerError('FORBIDDEN', 'no');
      },
    });
    await expect(refused).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(attempts).toBe(2);
    expect((await readStream(em(), 'counter-strict')).version).toBe(2);
  });

  it('runs each attempt in a savepoint inside a caller’s transaction, which commits or rolls back everything', async () => {
    const boom = new Error('caller failed');
    const failed = em().transactional(async (tx) => {
      await handle(tx, 'counter-nested', add(3), { actor: 'alice', env: env(), tenant: 'acme' });
      expect((await readStream(tx, 'counter-nested')).version).toBe(1);
      throw boom;
    });
    await expect(failed).rejects.toBe(boom);
    expect((await readStream(em(), 'counter-nested')).version).toBe(0);
  });

  it('refuses to start a stream without a tenant', async () => {
    await expect(handle(em(), 'counter-orphan', add(1), { actor: 'alice', env: env() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
