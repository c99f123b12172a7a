import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { releaseName, reserveName } from '#credential-store';
import { findIdempotent, recordIdempotent } from '../../apps/api/src/http/idempotency.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { deferred, waitForLockWaiters } from '../support/async.js';

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase('es_idem_names');
});
afterAll(() => db.close());

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof KeyledgerError ? error.code : String(error);
}

describe('idempotency records', () => {
  const response = { id: 'c-1', name: 'db', nested: { secretPreview: 'sk-1…5678' } };

  it('round-trip: nothing before, the first response after, per tenant', async () => {
    expect(await findIdempotent(em(), 'acme', 'key-1')).toBeNull();
    await em().transactional((tx) => recordIdempotent(tx, 'acme', 'key-1', 'fp-1', 201, response));
    expect(await findIdempotent(em(), 'acme', 'key-1')).toEqual({ fingerprint: 'fp-1', statusCode: 201, response });
    expect(await findIdempotent(em(), 'other', 'key-1')).toBeNull();
  });

  it('vanish with a rolled-back transaction', async () => {
    const boom = new Error('boom');
    await expect(
      em().transactional(async (tx) => {
        await recordIdempotent(tx, 'acme', 'key-rb', 'fp', 200, {});
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await findIdempotent(em(), 'acme', 'key-rb')).toBeNull();
  });

  it('make a concurrent request with the same key wait, then fail with IDEMPOTENCY_KEY_IN_FLIGHT', async () => {
    const recorded = deferred();
    const commitFirst = deferred();
    const first = em().transactional(async (tx) => {
      await recordIdempotent(tx, 'acme', 'key-race', 'fp-a', 201, { winner: 'a' });
      recorded.resolve();
      await commitFirst.promise;
    });
    await recorded.promise;
    const second = codeOf(em().transactional((tx) => recordIdempotent(tx, 'acme', 'key-race', 'fp-b', 201, { winner: 'b' })));
    await waitForLockWaiters(db.orm.em);
    commitFirst.resolve();
    await first;
    expect(await second).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
    expect(await findIdempotent(em(), 'acme', 'key-race')).toMatchObject({ fingerprint: 'fp-a', response: { winner: 'a' } });
  });

  it('let the waiting request through when the first one rolls back', async () => {
    const recorded = deferred();
    const abortFirst = deferred();
    const first = em().transactional(async (tx) => {
      await recordIdempotent(tx, 'acme', 'key-abort', 'fp-a', 201, {});
      recorded.resolve();
      await abortFirst.promise;
      throw new Error('first failed');
    });
    await recorded.promise;
    const second = em().transactional((tx) => recordIdempotent(tx, 'acme', 'key-abort', 'fp-b', 202, { winner: 'b' }));
    await waitForLockWaiters(db.orm.em);
    abortFirst.resolve();
    await expect(first).rejects.toThrow('first failed');
    await second;
    expect(await findIdempotent(em(), 'acme', 'key-abort')).toEqual({ fingerprint: 'fp-b', statusCode: 202, response: { winner: 'b' } });
  });
});

describe('name reservations', () => {
  const reserve = (tenant: string, name: string, stream: string) => em().transactional((tx) => reserveName(tx, tenant, name, stream));
  const release = (tenant: string, name: string, stream: string) => em().transactional((tx) => releaseName(tx, tenant, name, stream));

  it('refuse a name held by another stream with DUPLICATE_NAME', async () => {
    await reserve('acme', 'prod-db', 'stream-1');
    const error = await reserve('acme', 'prod-db', 'stream-2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyledgerError);
    expect((error as KeyledgerError).code).toBe('DUPLICATE_NAME');
    expect((error as KeyledgerError).message).toBe('a credential named "prod-db" already exists');
  });

  it('are per tenant, and reserving a name its stream already holds is a no-op', async () => {
    await reserve('other', 'prod-db', 'stream-9');
    await reserve('acme', 'prod-db', 'stream-1');
  });

  it('leave the transaction usable after a refusal', async () => {
    await em().transactional(async (tx) => {
      expect(await codeOf(reserveName(tx, 'acme', 'prod-db', 'stream-3'))).toBe('DUPLICATE_NAME');
      await reserveName(tx, 'acme', 'staging-db', 'stream-3');
    });
    expect(await codeOf(reserve('acme', 'staging-db', 'stream-4'))).toBe('DUPLICATE_NAME');
  });

  it('can be released only by their holder, after which the name is free again', async () => {
    await release('acme', 'prod-db', 'stream-2');
    expect(await codeOf(reserve('acme', 'prod-db', 'stream-2'))).toBe('DUPLICATE_NAME');
    await release('acme', 'prod-db', 'stream-1');
    await reserve('acme', 'prod-db', 'stream-2');
    expect(await codeOf(reserve('acme', 'prod-db', 'stream-1'))).toBe('DUPLICATE_NAME');
  });

  it('make a concurrent claim on the same name wait for the first and then fail', async () => {
    const reserved = deferred();
    const commitFirst = deferred();
    const first = em().transactional(async (tx) => {
      await reserveName(tx, 'acme', 'race', 'stream-a');
      reserved.resolve();
      await commitFirst.promise;
    });
    await reserved.promise;
    const second = codeOf(reserve('acme', 'race', 'stream-b'));
    await waitForLockWaiters(db.orm.em);
    commitFirst.resolve();
    await first;
    expect(await second).toBe('DUPLICATE_NAME');
  });
});
