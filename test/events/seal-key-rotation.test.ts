import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EnvKeyProvider } from '#crypto';
import { appendUnversioned, catchUpSeals, verifySealedLog } from '#event-store';
import { loadSealKeyring, rewrapDataKeys, SEAL_KEY_ID } from '#secrets';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { catchUpUntil } from '../support/projections.js';

// The log's seal key is a data key of its own: a master-key rotation rewraps
// it, and the seals keep verifying after the old master key is removed.
let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();
const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const access = { streamType: 'credential_access', tenant: 'acme' };

const reveal = (i: number) =>
  appendUnversioned(em(), `credential-access-${i}`, { type: 'SecretRevealed', data: { actor: 'svc', i } }, access);
const seal = async (keys: EnvKeyProvider, rows: number) => {
  const keyring = await loadSealKeyring(em(), keys);
  await catchUpUntil(em, (e) => catchUpSeals(e, keyring), 'kl_event_seals', rows);
};
const verify = async (keys: EnvKeyProvider) => verifySealedLog(em(), await loadSealKeyring(em(), keys));
const sealKeyKek = async () =>
  (await em().execute<{ kek_id: string }[]>('select kek_id from kl_data_keys where dek_id = ?', [SEAL_KEY_ID]))[0]?.kek_id;

beforeAll(async () => {
  db = await createTestDatabase('events_seal_key_rotation');
  for (let i = 0; i < 3; i += 1) await reveal(i);
  await seal(new EnvKeyProvider([k1]), 3);
});
afterAll(() => db.close());

it('creates one seal key, wrapped by the active master key, and names it in every seal', async () => {
  expect(await sealKeyKek()).toBe('k1');
  const seals = await em().execute<{ kek_id: string }[]>('select distinct kek_id from kl_event_seals');
  expect(seals).toEqual([{ kek_id: SEAL_KEY_ID }]);
  expect(await verify(new EnvKeyProvider([k1]))).toMatchObject({ ok: true, checked: 3 });
});

it('keeps every seal verifiable after a rotation to a new master key and the removal of the old one', async () => {
  const both = new EnvKeyProvider([k2, k1]);
  await reveal(3);
  await seal(both, 4);
  await em().transactional((tx) => rewrapDataKeys(tx, both, [SEAL_KEY_ID]));
  expect(await sealKeyKek()).toBe('k2');
  const onlyNew = new EnvKeyProvider([k2]);
  await reveal(4);
  await seal(onlyNew, 5);
  expect(await verify(onlyNew)).toMatchObject({ ok: true, checked: 5 });
});

it('cannot be read, nor the log verified, without a master key that unwraps it', async () => {
  await expect(loadSealKeyring(em(), new EnvKeyProvider([{ id: 'k2', key: randomBytes(32) }]))).rejects.toThrow();
});
