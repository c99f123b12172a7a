import pg from 'pg';
import { readStream } from '#event-store';
import { drainKeyRotation, planKeyRotation } from '#key-rotation';
import { reencryptDataKeys } from '../../libs/key-rotation/src/reencrypt.js';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { eventually, waitForLockWaiters } from '../support/async.js';
import { NO_HEALTH_SCHEDULE, OLD_KEYS, ROTATED_KEYS, rotationDeps } from '../support/key-rotation.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';
import { startTestWorker } from '../support/worker.js';

// Races between a re-encryption and a user's write, decided one way and the
// other on purpose, and the ways a rotation can fail.
const SUITE = 'keys_rotation_edges';
const prefix = testRedisPrefix(SUITE);
const deps = rotationDeps(ROTATED_KEYS, 50);

let api: TestApi;
beforeAll(async () => {
  await deleteRedisKeys(prefix);
  api = await startTestApi(SUITE, { KEYLEDGER_MASTER_KEYS: ROTATED_KEYS, KEYLEDGER_REDIS_PREFIX: prefix });
});
afterAll(async () => {
  await api.close();
  await deleteRedisKeys(prefix);
});

const em = () => api.orm.em.fork();
const create = async (name: string) => (await api.request('POST', '/v1/credentials', { body: openAiCredential(name) })).json();
const dekOf = async (id: string) =>
  (await em().execute<{ dek_id: string }[]>('select dek_id from kl_credentials where id = ?', [id]))[0]!.dek_id;
const reveal = async (id: string) => (await api.request('POST', `/v1/credentials/${id}/reveal`)).json().secret;
const eventTypes = async (id: string) => (await readStream(em(), `credential-${id}`)).events.map((e) => e.type);
const keyExists = async (dekId: string) => (await em().execute('select 1 from kl_data_keys where dek_id = ?', [dekId])).length === 1;

describe('a user rotating a secret while it is re-encrypted', () => {
  it('re-encryption first: the request waits, runs again on the re-encrypted state and its secret wins', async () => {
    const { id } = await create('race-reencrypt-first');
    const oldDek = await dekOf(id);
    const pending = await em().transactional(async (tx) => {
      await reencryptDataKeys(tx, deps, [oldDek]);
      // Uncommitted: the request reads the old state, seals under the old key, then waits on the stream row.
      const user = api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('userwins1') } });
      await waitForLockWaiters(api.orm.em, 1);
      return { user };
    });
    const reply = await pending.user;
    expect(reply.statusCode).toBe(200);
    expect(reply.json().secretVersion).toBe(2);
    expect(await reveal(id)).toBe(openAiKey('userwins1'));
    expect(await eventTypes(id)).toEqual(['CredentialRegistered', 'SecretReencrypted', 'SecretRotated']);
    expect(await dekOf(id)).not.toBe(oldDek);
    expect(await keyExists(oldDek)).toBe(false);
  });

  it("the user's write first: the re-encryption decides again and re-encrypts the user's new secret", async () => {
    const { id } = await create('race-user-first');
    const oldDek = await dekOf(id);
    const blocker = new pg.Client({ connectionString: api.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('select 1 from kl_streams where stream_id = $1 for update', [`credential-${id}`]);
      const user = api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('userwins2') } });
      await waitForLockWaiters(api.orm.em, 1);
      const reencrypted = em().transactional((tx) => reencryptDataKeys(tx, deps, [oldDek]));
      await waitForLockWaiters(api.orm.em, 2);
      await blocker.query('commit');
      expect((await user).statusCode).toBe(200);
      expect(await reencrypted).toEqual({ done: [oldDek], failed: [] });
    } finally {
      await blocker.end();
    }
    expect(await eventTypes(id)).toEqual(['CredentialRegistered', 'SecretRotated', 'SecretReencrypted']);
    expect(await reveal(id)).toBe(openAiKey('userwins2'));
    expect(await dekOf(id)).not.toBe(oldDek);
    expect(await keyExists(oldDek)).toBe(false);
  });

  it('keeps an ETag valid across a re-encryption, not across a real change', async () => {
    const { id } = await create('etag-across');
    await em().transactional(async (tx) => reencryptDataKeys(tx, deps, [await dekOf(id)]));
    const patch = (description: string) =>
      api.request('PATCH', `/v1/credentials/${id}`, { body: { description }, headers: { 'if-match': '"1"' } });
    expect((await patch('first')).statusCode).toBe(200);
    expect((await patch('second')).statusCode).toBe(412);
  });

  it('counts a data key destroyed meanwhile as done and records nothing on its stream', async () => {
    const { id } = await create('destroyed-meanwhile');
    const dekId = await dekOf(id);
    await api.request('POST', `/v1/credentials/${id}/destroy`);
    expect(await em().transactional((tx) => reencryptDataKeys(tx, deps, [dekId]))).toEqual({ done: [dekId], failed: [] });
    expect(await eventTypes(id)).toEqual(['CredentialRegistered', 'CredentialDestroyed']);
  });
});

describe('a rotation that cannot finish its work', () => {
  it('counts a data key that cannot be unwrapped, ends failed and leaves that key where it was', async () => {
    const a = await create('unwrappable-a');
    const b = await create('unwrappable-b');
    // b's row now holds a's wrapped key: bound to a's id, it cannot unwrap as b's.
    await em().execute(
      'update kl_data_keys set wrapped = (select wrapped from kl_data_keys where credential_id = ?) where credential_id = ?',
      [a.id, b.id],
    );
    const { rotationId } = (await api.request('POST', '/v1/keys/rotations', { body: { mode: 'reencrypt' } })).json();
    await planKeyRotation(em(), deps.keys, rotationId);
    await drainKeyRotation(em(), deps, rotationId);
    const progress = (await api.request('GET', `/v1/keys/rotations/${rotationId}`)).json();
    expect(progress).toMatchObject({ status: 'failed', failed: 1, done: progress.total - 1, finishedAt: expect.any(String) });
    expect(progress.reason).toMatch(/1 data key\(s\) could not be unwrapped/);
    expect(await eventTypes(b.id)).toEqual(['CredentialRegistered']);
    expect(await reveal(a.id)).toBe(openAiKey());
  });

  it('ends failed when its jobs keep failing: a worker whose active master key is not the target', async () => {
    const worker = await startTestWorker(api.databaseUrl, {
      KEYLEDGER_MASTER_KEYS: OLD_KEYS,
      KEYLEDGER_REDIS_PREFIX: prefix,
      ...NO_HEALTH_SCHEDULE,
    });
    try {
      const { rotationId } = (await api.request('POST', '/v1/keys/rotations')).json();
      const progress = async () => (await api.request('GET', `/v1/keys/rotations/${rotationId}`)).json();
      await eventually(async () => (await progress()).status === 'failed', 25_000, 'rotation failed');
      expect((await progress()).reason).toMatch(
        /plan job gave up after 3 attempt\(s\): .*active master key is "k1" but the rotation targets "k2"/,
      );
      expect((await api.request('POST', '/v1/keys/rotations')).statusCode).toBe(202);
    } finally {
      await worker.close();
    }
  }, 40_000);
});
