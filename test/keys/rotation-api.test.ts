import { assertKeyringUnwrapsStoredKeys } from '#secrets';
import { drainKeyRotation, planKeyRotation, runKeyRotationBatch } from '#key-rotation';
import { readStream, verifyLog } from '#event-store';
import { MasterKeyError } from '#crypto';
import { startTestApi, type TestApi } from '../support/api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { createPrincipal, type TestRole } from '../support/principals.js';
import {
  createCredentials,
  keyCounts,
  keyProvider,
  NEW_KEY,
  NO_REVEAL_LIMIT,
  OLD_KEYS,
  ROTATED_KEYS,
  rotationDeps,
  wrongReveals,
} from '../support/key-rotation.js';

// The HTTP surface of master-key rotation, with the worker's steps run in
// this process (the job-driven path runs in rotation-workers.test.ts).
const OTHER_ROLES: TestRole[] = ['operator', 'service', 'auditor'];

let db: TestDatabase;
let api: TestApi;
let secrets: Map<string, string>;
const tokens = new Map<TestRole, string>();
const em = () => db.orm.em.fork();

beforeAll(async () => {
  db = await createTestDatabase('keys_api');
  const before = await startTestApi('keys_api', { KEYLEDGER_MASTER_KEYS: OLD_KEYS }, { database: db });
  secrets = await createCredentials(before, 'api', 20);
  await before.close();
  api = await startTestApi('keys_api', { KEYLEDGER_MASTER_KEYS: ROTATED_KEYS, ...NO_REVEAL_LIMIT }, { database: db });
  for (const role of OTHER_ROLES) tokens.set(role, (await createPrincipal(api, role)).token);
});
afterAll(async () => {
  await api.close();
  await db.close();
});

const start = (body?: unknown, headers?: Record<string, string>) => api.request('POST', '/v1/keys/rotations', { body, headers });
const progress = async (id: string) => (await api.request('GET', `/v1/keys/rotations/${id}`)).json();

describe('master keys over HTTP (admins only)', () => {
  it('lists the keyring, active first, with the data keys each master key wraps', async () => {
    const reply = await api.request('GET', '/v1/keys');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({
      keys: [
        { kekId: 'k2', active: true, inKeyring: true, dataKeys: 0 },
        { kekId: 'k1', active: false, inKeyring: true, dataKeys: 20 },
      ],
    });
  });

  it.each(OTHER_ROLES)('refuses an %s with 403 on every key route', async (role) => {
    const token = tokens.get(role)!;
    const replies = await Promise.all([
      api.request('GET', '/v1/keys', { token }),
      api.request('POST', '/v1/keys/rotations', { token }),
      api.request('GET', '/v1/keys/rotations', { token }),
      api.request('GET', '/v1/keys/rotations/00000000-0000-4000-8000-000000000000', { token }),
    ]);
    expect(replies.map((r) => r.statusCode)).toEqual([403, 403, 403, 403]);
    expect(await db.orm.em.fork().execute('select count(*)::int as n from kl_key_rotations')).toEqual([{ n: 0 }]);
  });

  it('refuses an unknown mode and answers 404 for an unknown rotation', async () => {
    const bad = await start({ mode: 'shred' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([expect.objectContaining({ field: 'mode' })]);
    expect((await api.request('GET', '/v1/keys/rotations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('lists no rotation before the first and refuses a limit out of range', async () => {
    expect((await api.request('GET', '/v1/keys/rotations')).json()).toEqual({ rotations: [] });
    for (const limit of ['0', '101', 'all']) {
      const reply = await api.request('GET', `/v1/keys/rotations?limit=${limit}`);
      expect(reply.statusCode).toBe(400);
      expect(new Set(reply.json().details.map((d: { field: string }) => d.field))).toEqual(new Set(['limit']));
    }
  });
});

describe('a rewrap rotation', () => {
  let rotationId: string;

  it('answers 202 with its id; progress is pending until a worker plans it', async () => {
    const reply = await start(undefined, { 'idempotency-key': 'rotate-1' });
    expect(reply.statusCode).toBe(202);
    rotationId = reply.json().rotationId;
    expect(reply.headers.location).toBe(`/v1/keys/rotations/${rotationId}`);
    expect(await progress(rotationId)).toEqual({
      rotationId,
      mode: 'rewrap',
      targetKekId: 'k2',
      status: 'pending',
      total: 0,
      done: 0,
      failed: 0,
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      finishedAt: null,
      reason: null,
      requestedBy: 'bootstrap-admin',
    });
    expect((await api.request('GET', '/v1/keys/rotations')).json()).toEqual({ rotations: [await progress(rotationId)] });
  });

  it('replays a retried request and refuses a second rotation with 409 naming the running one', async () => {
    const retry = await start(undefined, { 'idempotency-key': 'rotate-1' });
    expect(retry.statusCode).toBe(202);
    expect(retry.json()).toEqual({ rotationId });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await start({ mode: 'reencrypt' }, { 'idempotency-key': 'rotate-1' })).statusCode).toBe(422);
    const second = await start({ mode: 'reencrypt' });
    expect(second.statusCode).toBe(409);
    expect(second.json().details).toEqual({ rotationId, status: 'pending' });
  });

  it('runs: planned with its total, batches counted, both master keys usable meanwhile', async () => {
    const deps = rotationDeps(ROTATED_KEYS, 7);
    expect(await planKeyRotation(em(), deps.keys, rotationId)).toEqual({ status: 'running', total: 20 });
    expect(await runKeyRotationBatch(em(), deps, rotationId)).toBe(7);
    expect(await progress(rotationId)).toMatchObject({ status: 'running', total: 20, done: 7, failed: 0 });
    expect(await keyCounts(api)).toEqual({ k2: 7, k1: 13 });
    // Start-up mid-rotation: both keys are needed, and both unwrap what they wrap.
    await expect(assertKeyringUnwrapsStoredKeys(em(), keyProvider(ROTATED_KEYS))).resolves.toBeUndefined();
    await expect(assertKeyringUnwrapsStoredKeys(em(), keyProvider(NEW_KEY))).rejects.toThrow(MasterKeyError);
    expect(await wrongReveals(api, secrets)).toEqual([]);
  });

  it('completes: no data key left under the old master key, which can then leave the keyring', async () => {
    await drainKeyRotation(em(), rotationDeps(ROTATED_KEYS, 7), rotationId);
    expect(await progress(rotationId)).toMatchObject({
      status: 'completed',
      total: 20,
      done: 20,
      failed: 0,
      finishedAt: expect.any(String),
    });
    expect(await keyCounts(api)).toEqual({ k2: 20, k1: 0 });
    await expect(assertKeyringUnwrapsStoredKeys(em(), keyProvider(NEW_KEY))).resolves.toBeUndefined();
    expect(await wrongReveals(api, secrets)).toEqual([]);
    const stream = await readStream(em(), `key-rotation-${rotationId}`);
    expect(stream.events.map((e) => [e.type, e.data.batch ?? null, e.data.done ?? null])).toEqual([
      ['KeyRotationRequested', null, null],
      ['KeyRotationBatchCompleted', 1, 7],
      ['KeyRotationBatchCompleted', 2, 7],
      ['KeyRotationBatchCompleted', 3, 6],
      ['KeyRotationCompleted', null, 20],
    ]);
    expect(stream.events.at(-1)!.data).toMatchObject({ total: 20, failed: 0, durationMs: expect.any(Number), actor: 'system:worker' });
    expect(await db.orm.em.fork().execute('select count(*)::int as n from kl_key_rotation_items')).toEqual([{ n: 0 }]);
  });
});

describe('a reencrypt rotation', () => {
  it('seals every current secret under a fresh data key, retires the old keys and keeps every secret', async () => {
    const before = await db.orm.em
      .fork()
      .execute<{ id: string; dek_id: string; version: string }[]>('select id, dek_id, version from kl_credentials');
    const reply = await start({ mode: 'reencrypt' });
    expect(reply.statusCode).toBe(202);
    const { rotationId } = reply.json();
    const deps = rotationDeps(ROTATED_KEYS, 6);
    await planKeyRotation(em(), deps.keys, rotationId);
    await drainKeyRotation(em(), deps, rotationId);
    expect(await progress(rotationId)).toMatchObject({ mode: 'reencrypt', status: 'completed', total: 20, done: 20 });

    const after = new Map(
      (
        await db.orm.em.fork().execute<{ id: string; dek_id: string; version: string }[]>('select id, dek_id, version from kl_credentials')
      ).map((r) => [r.id, r]),
    );
    for (const row of before) {
      expect(after.get(row.id)!.dek_id).not.toBe(row.dek_id);
      expect(Number(after.get(row.id)!.version)).toBe(Number(row.version) + 1);
    }
    const oldKeys = await db.orm.em
      .fork()
      .execute('select count(*)::int as n from kl_data_keys where dek_id in (?)', [before.map((r) => r.dek_id)]);
    expect(oldKeys).toEqual([{ n: 0 }]);
    expect(await keyCounts(api)).toEqual({ k2: 20, k1: 0 });
    expect(await wrongReveals(api, secrets)).toEqual([]);

    const [id] = secrets.keys();
    const detail = (await api.request('GET', `/v1/credentials/${id}`)).json();
    expect(detail).toMatchObject({ secretVersion: 1, updatedBy: 'bootstrap-admin' });
    const events = (await api.request('GET', `/v1/credentials/${id}/events`)).json().events;
    expect(events.at(-1)).toMatchObject({
      type: 'SecretReencrypted',
      data: { actor: 'system:worker', secretVersion: 1, secretPreview: detail.secretPreview },
    });
    expect(JSON.stringify(events)).not.toContain('kl1.');
    expect((await verifyLog(em())).ok).toBe(true);

    // Newest first; the rewrap rotation before it.
    const list = (await api.request('GET', '/v1/keys/rotations')).json().rotations;
    expect(list.map((r: { mode: string; status: string }) => [r.mode, r.status])).toEqual([
      ['reencrypt', 'completed'],
      ['rewrap', 'completed'],
    ]);
    expect(list[0]).toEqual(await progress(rotationId));
    expect((await api.request('GET', '/v1/keys/rotations?limit=1')).json().rotations).toEqual([list[0]]);
  });
});
