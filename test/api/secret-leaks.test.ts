import { execFileSync } from 'node:child_process';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';

// Invariant 1: the plaintext appears only in reveal/lookup responses: never in
// another response, a table, or a log line.
const FIRST = 'sk-proj-leakcheck-FIRST-0123456789abcdefXYZ1';
const SECOND = 'sk-proj-leakcheck-SECOND-0123456789abcdefXYZ2';
const DB_PASSWORD = 'Pg-leakcheck-password-77';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_secret_leaks');
  const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential('leak-openai', FIRST) })).json();
  await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: SECOND } });
  await api.request('PUT', `/v1/credentials/${id}`, { body: { description: 'rotated twice', secret: SECOND } });
  await api.request('PATCH', `/v1/credentials/${id}`, { body: { secret: FIRST } }); // refused: 400
  await api.request('POST', '/v1/credentials', {
    body: {
      name: 'leak-pg',
      type: 'postgres',
      username: 'app',
      secret: DB_PASSWORD,
      host: 'db.internal',
      extra: { database: 'app', port: 'x' },
    },
  }); // 400
  const pg = await api.request('POST', '/v1/credentials', {
    body: { name: 'leak-pg', type: 'postgres', username: 'app', secret: DB_PASSWORD, host: 'db.internal', extra: { database: 'app' } },
  });
  await api.request('POST', `/v1/credentials/${id}/reveal`);
  await api.request('POST', '/v1/credentials/lookup', { body: { name: 'leak-pg' } });
  await api.request('GET', '/v1/credentials');
  await api.request('GET', `/v1/credentials/${id}`);
  await api.request('GET', `/v1/credentials/${id}/versions`);
  await api.request('GET', `/v1/credentials/${id}/events`);
  await api.request('POST', `/v1/credentials/${pg.json().id}/destroy`);
  await api.request('POST', `/v1/credentials/${pg.json().id}/reveal`);
});
afterAll(() => api.close());

const SECRETS = [FIRST, SECOND, DB_PASSWORD];

it('returns the plaintext only from reveal and lookup', () => {
  const others = api.responses.filter((r) => !r.url.endsWith('/reveal') && !r.url.endsWith('/lookup'));
  expect(others.length).toBeGreaterThan(8);
  for (const response of others) for (const secret of SECRETS) expect(response.body).not.toContain(secret);
  const reads = api.responses.filter((r) => r.url.endsWith('/reveal') || r.url.endsWith('/lookup'));
  expect(reads.some((r) => r.body.includes(SECOND))).toBe(true);
  expect(reads.some((r) => r.body.includes(DB_PASSWORD))).toBe(true);
});

it('stores no plaintext anywhere in the database (full dump)', () => {
  const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', api.databaseUrl], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(dump).toContain('CredentialRegistered'); // the dump holds the log...
  for (const secret of SECRETS) expect(dump).not.toContain(secret); // ...but never a secret
  expect(dump).not.toContain(Buffer.from(FIRST).toString('base64'));
});

it('writes no secret and no token to the logs', () => {
  const logs = api.logs.join('\n');
  expect(api.logs.length).toBeGreaterThan(10);
  expect(logs).toContain('"statusCode":201');
  for (const secret of [...SECRETS, api.config.bootstrapToken!]) expect(logs).not.toContain(secret);
});
