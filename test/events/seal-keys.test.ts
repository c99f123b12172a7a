import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EnvKeyProvider } from '#crypto';
import { appendUnversioned, catchUpSeals, sealKeyObject, sealMac, verifySealedLog, type RecordedEvent } from '#event-store';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { catchUpUntil } from '../support/projections.js';
import { inTamperedLog } from '../support/tamper.js';

let db: TestDatabase;
const em = (): EntityManager => db.orm.em.fork();
const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const access = { streamType: 'credential_access', tenant: 'acme' };
const events: RecordedEvent[] = [];

const reveal = async (n: number) => {
  for (let i = 0; i < n; i += 1) {
    events.push(await appendUnversioned(em(), `credential-access-${i}`, { type: 'SecretRevealed', data: { actor: 'svc', i } }, access));
  }
};

beforeAll(async () => {
  db = await createTestDatabase('events_seal_keys');
  await reveal(3);
  await catchUpUntil(em, (e) => catchUpSeals(e, new EnvKeyProvider([k1])), 'kl_event_seals', 3);
  // A new master key becomes active; the old one stays in the keyring after it.
  await reveal(2);
  await catchUpUntil(em, (e) => catchUpSeals(e, new EnvKeyProvider([k2, k1])), 'kl_event_seals', 5);
});
afterAll(() => db.close());

it('records the KEK of each seal, so seals made before a master-key change still verify', async () => {
  const rows: { kek_id: string }[] = await em().execute('select kek_id from kl_event_seals order by seal_seq');
  expect(rows.map((r) => r.kek_id)).toEqual(['k1', 'k1', 'k1', 'k2', 'k2']);
  expect(await verifySealedLog(em(), new EnvKeyProvider([k2, k1]))).toEqual({
    ok: true,
    checked: 5,
    sealedThrough: events[4]!.globalPosition,
  });
});

it('says the seals are unverifiable, not ok, once their KEK has left the keyring', async () => {
  const result = await verifySealedLog(em(), new EnvKeyProvider([k2]));
  expect(result).toMatchObject({ ok: false, checked: 5, unverifiable: ['k1'], reason: expect.stringMatching(/k1 cannot be checked/) });
  expect(result.firstBadPosition).toBeUndefined();
});

it('does not accept seals checked with another key under the same id', async () => {
  const impostor = new EnvKeyProvider([
    { id: 'k2', key: randomBytes(32) },
    { id: 'k1', key: randomBytes(32) },
  ]);
  expect(await verifySealedLog(em(), impostor)).toMatchObject({ ok: false, firstBadPosition: events[0]!.globalPosition });
});

it('catches a superuser who rewrites an event and re-seals the chain with a key of their own', async () => {
  const guessed = randomBytes(32);
  const result = await inTamperedLog(em(), async (tx) => {
    const target = events[3]!;
    await tx.execute(`update kl_event_seals set mac = decode(?, 'hex') where global_position = ?`, [
      sealMac(sealKeyObject(guessed), Buffer.alloc(32), {
        sealSeq: 4,
        kekId: 'k2',
        globalPosition: target.globalPosition,
        transactionId: target.transactionId,
        eventId: target.eventId,
        streamId: target.streamId,
        streamType: target.streamType,
        streamVersion: null,
        tenant: 'acme',
        type: target.type,
        recordedAtMicros: '0',
        hash: target.hash,
        prevHash: null,
      }).toString('hex'),
      target.globalPosition,
    ]);
    return verifySealedLog(tx, new EnvKeyProvider([k2, k1]));
  });
  expect(result).toMatchObject({ ok: false, firstBadPosition: events[3]!.globalPosition, reason: expect.stringMatching(/does not match/) });
});
