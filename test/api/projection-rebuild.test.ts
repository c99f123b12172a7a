import { rebuildCredentialView } from '#credential-store';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_projection_rebuild');
});
afterAll(() => api.close());

const snapshot = () => api.orm.em.fork().execute('select * from kl_credentials order by id');

it('rebuilding the read model from position 0 gives the same rows', async () => {
  for (let i = 0; i < 6; i += 1) {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential(`rebuild-${i}`) })).json();
    if (i % 2 === 0) await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey(`rot${i}abcde`) } });
    if (i % 3 === 0) await api.request('PATCH', `/v1/credentials/${id}`, { body: { name: `renamed-${i}`, labels: ['x'] } });
    if (i === 4) await api.request('DELETE', `/v1/credentials/${id}`);
    if (i === 5) await api.request('POST', `/v1/credentials/${id}/destroy`);
  }
  const live = await snapshot();
  expect(live).toHaveLength(6);

  const replayed = await rebuildCredentialView(api.orm, 4);

  expect(replayed).toBeGreaterThanOrEqual(6 + 3 + 2 + 2);
  expect(await snapshot()).toEqual(live);
  // A second rebuild is idempotent too.
  await rebuildCredentialView(api.orm);
  expect(await snapshot()).toEqual(live);
});
