import { rebuildCredentialView } from '#credential-store';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_projection_rebuild');
});
afterAll(() => api.close());

const snapshot = () => api.orm.em.fork().execute('select * from kl_credentials order by id');
const grantsSnapshot = () => api.orm.em.fork().execute('select * from kl_credential_grants order by grant_id');

it('rebuilding the read model from position 0 gives the same rows', async () => {
  for (let i = 0; i < 6; i += 1) {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential(`rebuild-${i}`) })).json();
    if (i % 2 === 0) await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey(`rot${i}abcde`) } });
    if (i % 3 === 0) await api.request('PATCH', `/v1/credentials/${id}`, { body: { name: `renamed-${i}`, labels: ['x'] } });
    const grant = (body: Record<string, string>) => api.request('POST', `/v1/credentials/${id}/grants`, { body });
    const { id: grantId } = (await grant({ team: `team-${i}`, permission: 'use' })).json();
    if (i % 2 === 1) await grant({ team: 'shared', permission: 'manage' });
    if (i === 1 || i === 4) await api.request('DELETE', `/v1/credentials/${id}/grants/${grantId}`);
    if (i === 4) await api.request('DELETE', `/v1/credentials/${id}`);
    if (i === 5) await api.request('POST', `/v1/credentials/${id}/destroy`);
  }
  const live = await snapshot();
  const liveGrants = await grantsSnapshot();
  expect(live).toHaveLength(6);
  expect(liveGrants).toHaveLength(6 + 3 - 2);
  // A row no event stands for disappears: grants are rebuilt from zero, not merged.
  await api.orm.em
    .fork()
    .execute(`insert into kl_credential_grants values (gen_random_uuid(), gen_random_uuid(), 'team', 'ghost', 'use', now(), 'nobody')`);

  const replayed = await rebuildCredentialView(api.orm, 4);

  expect(replayed).toBeGreaterThanOrEqual(6 + 3 + 2 + 2 + 9 + 2);
  expect(await snapshot()).toEqual(live);
  expect(await grantsSnapshot()).toEqual(liveGrants);
  // A second rebuild is idempotent too.
  await rebuildCredentialView(api.orm);
  expect(await snapshot()).toEqual(live);
  expect(await grantsSnapshot()).toEqual(liveGrants);
});
