import { singleRow } from '#database';
import { accessRecordsOf, grant } from '../support/access.js';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal } from '../support/principals.js';

// The hot path under load: reads of one popular credential are recorded
// without a version check, so they never contend and never move the
// credential's own stream.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('access_hot_path');
});
afterAll(() => api.close());

it('200 concurrent reveals by a granted service all succeed, leave 200 records and do not move the stream', async () => {
  const service = await createPrincipal(api, 'service', { teams: ['batch'] });
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('popular') })).json();
  await grant(api, id, { team: 'batch' }, 'use');
  const streamVersion = async () =>
    singleRow(await api.orm.em.fork().execute(`select version from kl_streams where stream_id = ?`, [`credential-${id}`])).version;
  const before = { stream: await streamVersion(), view: (await api.request('GET', `/v1/credentials/${id}`)).json().version };

  const replies = await Promise.all(
    Array.from({ length: 200 }, () => api.request('POST', `/v1/credentials/${id}/reveal`, { token: service.token })),
  );

  expect(replies.filter((r) => r.statusCode !== 200).map((r) => r.body)).toEqual([]);
  expect(new Set(replies.map((r) => r.json().secret))).toEqual(new Set([openAiKey()]));
  const records = await accessRecordsOf(api, service.principalId, 'SecretRevealed');
  expect(records).toHaveLength(200);
  expect(records.every((r) => r.stream_id === `credential-access-${id}` && r.stream_version === null)).toBe(true);
  expect(records[0]!.data).toMatchObject({ credentialId: id, via: 'reveal', secretVersion: 1 });
  expect(await streamVersion()).toBe(before.stream);
  expect((await api.request('GET', `/v1/credentials/${id}`)).json().version).toBe(before.view);
});
