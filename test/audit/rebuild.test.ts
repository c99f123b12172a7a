import { isDeepStrictEqual } from 'node:util';
import { catchUpAuditTrail, catchUpUsage } from '#audit';
import { catchUpCredentialView } from '#credential-store';
import { PROJECTION_NAMES, rebuildProjections } from '../../scripts/rebuild-projection.js';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { eventually } from '../support/async.js';
import { rowCount } from '../support/projections.js';

let api: TestApi;
const em = () => api.orm.em.fork();

const TABLES = {
  'credential-view': 'select * from kl_credentials order by id',
  'audit-trail': 'select * from kl_audit_trail order by position, entry_index',
  usage: 'select * from kl_credential_usage order by credential_id',
};
const snapshot = async () =>
  Object.fromEntries(await Promise.all(Object.entries(TABLES).map(async ([name, sql]) => [name, await em().execute(sql)])));

/** The live projections, caught up a little after every command, as the worker would. */
async function liveCatchUp(): Promise<void> {
  await catchUpAuditTrail(em());
  await catchUpUsage(em());
}

beforeAll(async () => {
  api = await startTestApi('audit_rebuild');
  for (let i = 0; i < 5; i += 1) {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential(`rebuilt-${i}`) })).json();
    await liveCatchUp();
    await api.request('POST', `/v1/credentials/${id}/reveal`);
    if (i % 2 === 0) await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey(`again${i}xyz`) } });
    await liveCatchUp();
    await api.request('POST', `/v1/credentials/${id}/reveal`);
    if (i === 3) await api.request('POST', `/v1/credentials/${id}/destroy`);
  }
  const events = await rowCount(em(), 'kl_events');
  await eventually(
    async () => {
      await liveCatchUp();
      return (await rowCount(em(), 'kl_audit_trail')) === events;
    },
    20_000,
    'live audit trail caught up',
  );
});
afterAll(() => api.close());

it('names every projection the command rebuilds', () => {
  expect(PROJECTION_NAMES).toEqual(['credential-view', 'audit-trail', 'usage']);
});

/**
 * A rebuild replays up to the oldest transaction running in the cluster;
 * another test file may hold one open, so the replay is continued (the same
 * checkpointed consumers) until it reaches the live state or times out.
 */
async function expectRebuiltToEqual(live: Record<string, unknown>): Promise<void> {
  await eventually(
    async () => {
      await catchUpCredentialView(api.orm);
      await liveCatchUp();
      return isDeepStrictEqual(await snapshot(), live);
    },
    20_000,
    'rebuilt projections reaching the live rows',
  );
  expect(await snapshot()).toEqual(live);
}

it.each(['credential-view', 'audit-trail', 'usage'])('rebuilding %s from position 0 gives the live rows', async (name) => {
  const live = await snapshot();
  expect(live[name].length).toBeGreaterThan(0);
  const replayed = await rebuildProjections(api.orm, name);
  expect(replayed[name]).toBeGreaterThan(0);
  await expectRebuiltToEqual(live);
});

it('rebuilds all of them at once, and refuses an unknown name', async () => {
  const live = await snapshot();
  expect(Object.keys(await rebuildProjections(api.orm, 'all'))).toEqual(PROJECTION_NAMES);
  await expectRebuiltToEqual(live);
  await expect(rebuildProjections(api.orm, 'event-seal')).rejects.toThrow(/unknown projection "event-seal"/);
});
