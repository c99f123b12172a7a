import { startTestApi, type TestApi } from '../support/api.js';

// Credential names as people write them: printable text, unique ignoring case.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('api_display_names');
});
afterAll(() => api.close());

const custom = (name: unknown, secret = 'a-secret-value') => ({ type: 'custom', name, secret });
const post = (body: Record<string, unknown>) => api.request('POST', '/v1/credentials', { body });
const lookup = (name: string) => api.request('POST', '/v1/credentials/lookup', { body: { name } });
const listNames = async (query: string) =>
  ((await api.request('GET', `/v1/credentials?${query}`)).json().credentials as Array<{ name: string }>).map((c) => c.name).sort();

let production: string;

describe('display names over HTTP', () => {
  it('creates "Production PostgreSQL": 201 with the name trimmed of surrounding white space', async () => {
    const reply = await post(custom('  Production PostgreSQL \t', 'pg-secret'));
    expect(reply.statusCode).toBe(201);
    expect(reply.json().name).toBe('Production PostgreSQL');
    production = reply.json().id as string;
    expect((await api.request('GET', `/v1/credentials/${production}`)).json().name).toBe('Production PostgreSQL');
    const events = await api.orm.em
      .fork()
      .execute<Array<{ name: string }>>(
        `select data->'metadata'->>'name' as name from kl_events where type = 'CredentialRegistered' and stream_id = ?`,
        [`credential-${production}`],
      );
    expect(events).toEqual([{ name: 'Production PostgreSQL' }]);
  });

  it('answers 409 DUPLICATE_NAME for the same name in another case, naming the existing credential', async () => {
    for (const name of ['production postgresql', 'PRODUCTION POSTGRESQL', ' Production PostgreSQL ', 'ＰＲＯＤＵＣＴＩＯＮ PostgreSQL']) {
      const reply = await post(custom(name));
      expect([name, reply.statusCode]).toEqual([name, 409]);
      expect(reply.json()).toMatchObject({
        code: 'DUPLICATE_NAME',
        message: 'a credential named "Production PostgreSQL" already exists',
        details: { name: 'Production PostgreSQL', credentialId: production },
      });
    }
  });

  it('refuses control, format and line-separator characters with a 400 naming the field', async () => {
    const refused: Array<[string, string]> = [
      ['Prod\tDB', 'U+0009 at character 5'],
      ['Prod\nDB', 'U+000A at character 5'],
      ['Prod\u0085DB', 'U+0085 at character 5'],
      ['Prod\u2028DB', 'U+2028 at character 5'],
      ['Prod\u200BDB', 'U+200B at character 5'],
      ['Prod\u202EDB', 'U+202E at character 5'],
    ];
    for (const [name, where] of refused) {
      const reply = await post(custom(name));
      expect([name, reply.statusCode]).toEqual([name, 400]);
      expect(reply.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(reply.json().details).toEqual([
        { field: 'name', message: `name: must not contain control, format or line-separator characters; found ${where}` },
      ]);
    }
    const long = await post(custom('x'.repeat(201)));
    expect(long.statusCode).toBe(400);
    expect(long.json().details).toEqual([{ field: 'name', message: 'name: at most 200 characters; got 201' }]);
    const blank = await post(custom('   '));
    expect(blank.statusCode).toBe(400);
    expect(blank.json().details[0]).toMatchObject({ field: 'name' });
    expect((await post(custom(`  ${'y'.repeat(200)}  `))).statusCode).toBe(201);
  });

  it('looks a credential up by its name in any case and surrounding white space', async () => {
    for (const name of ['Production PostgreSQL', 'production postgresql', '  PRODUCTION POSTGRESQL ']) {
      const reply = await lookup(name);
      expect([name, reply.statusCode]).toEqual([name, 200]);
      expect(reply.json()).toMatchObject({ id: production, name: 'Production PostgreSQL', secret: 'pg-secret' });
    }
    expect((await lookup('Production')).statusCode).toBe(404);
  });

  it('lists by name and by q with spaces, mixed case and non-ASCII letters', async () => {
    expect((await post(custom('Base de données Ünïcode'))).statusCode).toBe(201);
    expect((await post(custom('Production PostgreSQL (replica)'))).statusCode).toBe(201);
    expect(await listNames(`name=${encodeURIComponent('production POSTGRESQL')}`)).toEqual(['Production PostgreSQL']);
    expect(await listNames(`q=${encodeURIComponent('postgresql')}`)).toEqual(['Production PostgreSQL', 'Production PostgreSQL (replica)']);
    expect(await listNames(`q=${encodeURIComponent('n postgres')}`)).toEqual(['Production PostgreSQL', 'Production PostgreSQL (replica)']);
    expect(await listNames(`q=${encodeURIComponent('DONNÉES ÜNÏ')}`)).toEqual(['Base de données Ünïcode']);
    expect(await listNames(`name=${encodeURIComponent('BASE DE DONNÉES ÜNÏCODE')}`)).toEqual(['Base de données Ünïcode']);
  });

  it('renames under the same rules: the old name is freed, the new one reserved ignoring case', async () => {
    const patch = (id: string, name: string) => api.request('PATCH', `/v1/credentials/${id}`, { body: { name } });
    const renamed = await patch(production, '  Production PostgreSQL (primary) ');
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Production PostgreSQL (primary)');
    // A change of case only keeps the reservation with the same credential.
    const recased = await patch(production, 'production postgresql (PRIMARY)');
    expect(recased.statusCode).toBe(200);
    expect(recased.json().name).toBe('production postgresql (PRIMARY)');
    expect((await lookup('Production PostgreSQL (Primary)')).json().id).toBe(production);
    // The old name is free again, in any case.
    const reused = await post(custom('PRODUCTION POSTGRESQL'));
    expect(reused.statusCode).toBe(201);
    // Taking another credential's name in another case is a 409, and changes nothing.
    const taken = await patch(production, 'production postgresql (replica)');
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'DUPLICATE_NAME', details: { name: 'Production PostgreSQL (replica)' } });
    const bad = await patch(production, 'primary\u2029db');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([
      { field: 'name', message: 'name: must not contain control, format or line-separator characters; found U+2029 at character 8' },
    ]);
    expect((await api.request('GET', `/v1/credentials/${production}`)).json().name).toBe('production postgresql (PRIMARY)');
    // A destroyed credential frees its name.
    await api.request('POST', `/v1/credentials/${production}/destroy`);
    expect((await post(custom('Production PostgreSQL (Primary)'))).statusCode).toBe(201);
  });
});
