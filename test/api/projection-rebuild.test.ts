import { catchUpCredentialView, rebuildCredentialView } from '#credential-store';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_projection_rebuild');
});
afterAll(() => api.close());

const snapshot = () => api.orm.em.fork().execute('select * from kl_credentials order by id');
const grantsSnapshot = () => api.orm.em.fork().execute('select * from kl_credential_grants order by grant_id');

it('rebuilding the read model from position 0 gives the same rows, event by event or many rows per upsert', async () => {
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
  // More of each kind on one credential: a grant revoked and given again to
  // the same team, a deactivation undone, an expiry set then cleared, and
  // metadata that goes back and forth, so that one batch holds every case.
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('rebuild-busy') })).json();
  const ok = async (reply: Promise<{ statusCode: number; body: string }>) => expect([200, 201, 204]).toContain((await reply).statusCode);
  const grant = () => api.request('POST', `/v1/credentials/${id}/grants`, { body: { team: 'ops', permission: 'use' } });
  await ok(api.request('DELETE', `/v1/credentials/${id}/grants/${(await grant()).json().id}`));
  await ok(grant());
  await ok(api.request('DELETE', `/v1/credentials/${id}`));
  await ok(api.request('POST', `/v1/credentials/${id}/restore`));
  await ok(
    api.request('PATCH', `/v1/credentials/${id}`, {
      body: { expiresAt: '2031-01-01T00:00:00.000Z', description: 'with "quotes", a \\ and ünïcode' },
    }),
  );
  await ok(api.request('PATCH', `/v1/credentials/${id}`, { body: { expiresAt: null, labels: ['a', 'b'] } }));
  await ok(api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey('busyrotation1') } }));
  const credentialEvents = (
    await api.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from kl_events where stream_type = 'credential'`)
  )[0]!.n;

  const live = await snapshot();
  const liveGrants = await grantsSnapshot();
  expect(live).toHaveLength(7);
  expect(liveGrants).toHaveLength(6 + 3 - 2 + 1);
  for (const batchSize of [1, 4, 500]) {
    // A row no event stands for disappears: grants are rebuilt from zero, not merged.
    await api.orm.em
      .fork()
      .execute(`insert into kl_credential_grants values (gen_random_uuid(), gen_random_uuid(), 'team', 'ghost', 'use', now(), 'nobody')`);

    const replayed = await rebuildCredentialView(api.orm, batchSize);

    expect(replayed).toBe(credentialEvents);
    expect(await snapshot()).toEqual(live);
    expect(await grantsSnapshot()).toEqual(liveGrants);
  }
  // A rebuild over the rows it wrote changes nothing either.
  await catchUpCredentialView(api.orm);
  expect(await snapshot()).toEqual(live);
});

it('replays only credential streams: access records are filtered out in the database', async () => {
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('rebuild-revealed') })).json();
  for (let i = 0; i < 3; i += 1) expect((await api.request('POST', `/v1/credentials/${id}/reveal`)).statusCode).toBe(200);
  expect(
    (await api.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from kl_events where stream_type <> 'credential'`))[0]!.n,
  ).toBeGreaterThanOrEqual(3);
  const credentialEvents = (
    await api.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from kl_events where stream_type = 'credential'`)
  )[0]!.n;
  const live = await snapshot();
  expect(await rebuildCredentialView(api.orm)).toBe(credentialEvents);
  expect(await snapshot()).toEqual(live);
});
