import { ADMIN_TOKEN } from '../support/api.js';
import { cliFor, type Cli } from '../support/cli.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';

// Credentials named as people name them, reached by name from the CLI.
let api: HttpTestApi;
let cli: Cli;
let id: string;
beforeAll(async () => {
  api = await startHttpTestApi('cli_display_names');
  cli = cliFor(api.url, ADMIN_TOKEN);
  const created = await api.request('POST', '/v1/credentials', {
    body: { type: 'custom', name: 'Production PostgreSQL', secret: 'pg-secret-value' },
  });
  expect(created.statusCode).toBe(201);
  id = created.json().id as string;
  // A name that only contains the other: the match is on the whole name.
  const longer = await api.request('POST', '/v1/credentials', {
    body: { type: 'custom', name: 'Production PostgreSQL (replica)', secret: 'replica-secret' },
  });
  expect(longer.statusCode).toBe(201);
});
afterAll(() => api.close());

describe('credentials by a display name', () => {
  it('reveals a credential by a name with spaces, in any case', async () => {
    expect(await cli(['credentials', 'reveal', 'Production PostgreSQL'])).toMatchObject({ code: 0, stdout: 'pg-secret-value', stderr: '' });
    expect(await cli(['credentials', 'reveal', 'production postgresql'])).toMatchObject({ code: 0, stdout: 'pg-secret-value', stderr: '' });
  });

  it('shows one by a non-ASCII name, and reports a name that matches nothing', async () => {
    const created = await api.request('POST', '/v1/credentials', {
      body: { type: 'custom', name: 'Base de données Ünïcode', secret: 'unicode-secret' },
    });
    expect(created.statusCode).toBe(201);
    const shown = await cli(['credentials', 'show', 'BASE DE DONNÉES ÜNÏCODE', '--json']);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: created.json().id, name: 'Base de données Ünïcode' });
    expect((await cli(['credentials', 'show', 'Production', '--json'])).code).toBe(3);
    expect(JSON.parse((await cli(['credentials', 'show', 'Production PostgreSQL', '--json'])).stdout)).toMatchObject({ id });
  });
});
