import { EnvKeyProvider } from '#crypto';
import { catchUpSeals } from '#event-store';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { TOKENS, withTestPrincipals } from '../support/principals.js';
import { catchUpUntil, rowCount } from '../support/projections.js';

let api: TestApi;
const em = () => api.orm.em.fork();
const seal = async () => {
  const keys = new EnvKeyProvider(api.config.masterKeys);
  await catchUpUntil(em, (e) => catchUpSeals(e, keys), 'kl_event_seals', await rowCount(em(), 'kl_events'));
};
const verify = async () => {
  const reply = await api.request('GET', '/v1/events/verify', { token: TOKENS.auditor });
  expect(reply.statusCode).toBe(200);
  return reply.json();
};

let revealPosition = 0;
beforeAll(async () => {
  api = await startTestApi('events_verify_api');
  withTestPrincipals(api);
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('verified') })).json();
  await api.request('POST', `/v1/credentials/${id}/reveal`);
  await api.request('POST', `/v1/credentials/${id}/reveal`);
  await api.request('POST', '/v1/credentials', { body: openAiCredential('other'), token: TOKENS.otherAdmin });
  const [row] = await em().execute<{ p: string }[]>(`select max(global_position) as p from kl_events where type = 'SecretRevealed'`);
  revealPosition = Number(row!.p);
});
afterAll(() => api.close());

describe('GET /v1/events/verify', () => {
  it('passes an untouched log of every tenant, access records included, once sealed', async () => {
    await seal();
    const events = await rowCount(em(), 'kl_events');
    const [last] = await em().execute<{ p: string }[]>('select global_position as p from kl_event_seals order by seal_seq desc limit 1');
    expect(await verify()).toEqual({ ok: true, checked: events, sealedThrough: Number(last!.p) });
  });

  it('checks events above the sealed horizon by hash only and still reports where the seal ends', async () => {
    const before = (await verify()).sealedThrough;
    await api.request('POST', '/v1/credentials', { body: openAiCredential('not-yet-sealed') });
    const result = await verify();
    expect(result).toMatchObject({ ok: true, sealedThrough: before });
    expect(result.checked).toBe(await rowCount(em(), 'kl_events'));
  });

  it('names a deleted access record, committed by a superuser with the trigger off', async () => {
    await seal();
    await em().transactional(async (tx) => {
      await tx.execute('alter table kl_events disable trigger user');
      await tx.execute('delete from kl_events where global_position = ?', [revealPosition]);
      await tx.execute('alter table kl_events enable trigger user');
    });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, firstBadPosition: revealPosition, reason: expect.stringMatching(/gone/) });
    expect(Object.keys(result).sort()).toEqual(['checked', 'firstBadPosition', 'ok', 'reason', 'sealedThrough']);
  });
});
