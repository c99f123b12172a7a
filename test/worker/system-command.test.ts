import { EnvKeyProvider } from '#crypto';
import { runSystemCommand, WORKER_ACTOR } from '#credential-store';
import { COMMAND_ATTEMPTS, systemEnvironment } from '#event-store';
import { Vault } from '#secrets';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';

// Results recorded by the worker take the API's write path (#credential-store):
// decide, append with an expected version, project; a conflict is retried.
let api: TestApi;
let vault: Vault;
const env = systemEnvironment();

beforeAll(async () => {
  api = await startTestApi('worker_system_command');
  vault = new Vault(new EnvKeyProvider(api.config.masterKeys));
});
afterAll(() => api.close());

it('decides again on the new state when a request changed the credential meanwhile (VERSION_CONFLICT)', async () => {
  const created = (await api.request('POST', '/v1/credentials', { body: openAiCredential('system-conflict') })).json();
  let attempts = 0;
  const events = await runSystemCommand(api.orm, vault, {
    credentialId: created.id,
    actor: WORKER_ACTOR,
    env,
    build: async (_tx, state, metadata) => {
      attempts += 1;
      if (attempts === 1) {
        // A user's change commits between this attempt's read and its append.
        const patched = await api.request('PATCH', `/v1/credentials/${created.id}`, { body: { description: 'edited' } });
        expect(patched.statusCode).toBe(200);
      }
      expect(state.status).toBe('active');
      return [{ type: 'DeactivateCredential', data: { credentialId: created.id }, metadata }];
    },
  });
  expect(attempts).toBe(2);
  expect(events.map((e) => e.type)).toEqual(['CredentialDeactivated']);
  const after = (await api.request('GET', `/v1/credentials/${created.id}`)).json();
  expect(after).toMatchObject({ status: 'inactive', description: 'edited', version: 3, updatedBy: WORKER_ACTOR });
});

it('gives up after the last attempt and refuses unknown credentials', async () => {
  const created = (await api.request('POST', '/v1/credentials', { body: openAiCredential('system-always-conflict') })).json();
  let n = 0;
  const always = runSystemCommand(api.orm, vault, {
    credentialId: created.id,
    actor: WORKER_ACTOR,
    env,
    build: async (_tx, _state, metadata) => {
      await api.request('PATCH', `/v1/credentials/${created.id}`, { body: { description: `edit ${++n}` } });
      return [{ type: 'DeactivateCredential', data: { credentialId: created.id }, metadata }];
    },
  });
  await expect(always).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
  expect(n).toBe(COMMAND_ATTEMPTS);
  const missing = runSystemCommand(api.orm, vault, {
    credentialId: '00000000-0000-4000-8000-000000000000',
    actor: WORKER_ACTOR,
    env,
    build: (_tx, _state, metadata) => [
      { type: 'DeactivateCredential', data: { credentialId: '00000000-0000-4000-8000-000000000000' }, metadata },
    ],
  });
  await expect(missing).rejects.toMatchObject({ code: 'NOT_FOUND' });
});
