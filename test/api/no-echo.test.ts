import { ADMIN_TOKEN, openAiCredential, startTestApi, type TestApi } from '../support/api.js';

// Nothing a client sends comes back in an error, a log line or an audit
// entry: a distinctive value in every field of every write route, in bodies
// that are refused (unknown field, broken JSON, NUL, wrong content type), and
// in query strings and paths, is found nowhere afterwards.

const SECRET = 'Zq9-echo-canary-7f3b1d';

interface Operation {
  method: string;
  path: string;
  fields: string[];
}

let api: TestApi;
let writes: Operation[];
let credentialId: string;

/** The property names of a request body schema, following $ref into the document's components. */
function fieldsOf(document: any, schema: any): string[] {
  const resolved = schema?.$ref ? document.components.schemas[schema.$ref.split('/').pop()] : schema;
  return Object.keys(resolved?.properties ?? {});
}

beforeAll(async () => {
  api = await startTestApi('api_no_echo');
  credentialId = (await api.request('POST', '/v1/credentials', { body: openAiCredential('echo-target') })).json().id;
  const document = (await api.request('GET', '/docs/openapi.json', { token: null })).json();
  writes = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        path,
        fields: fieldsOf(document, operation.requestBody?.content?.['application/json']?.schema),
      })),
  );

  for (const { method, path, fields } of writes) {
    const url = path.replace(/\{[^}]+\}/g, credentialId);
    const everyField = Object.fromEntries([...fields, 'secret', 'name', 'host'].map((field) => [field, SECRET]));
    const send = (payload: string, contentType: string, target = url) =>
      api.app
        .inject({
          method: method as 'POST',
          url: target,
          headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
          payload,
        })
        .then((reply) => api.responses.push({ method, url: target, body: `${JSON.stringify(reply.headers)}\n${reply.body}` }));
    const bodies = [
      // Refused by the parser on every route: a NUL, an unpaired surrogate, broken JSON, a too-deep body.
      JSON.stringify(Object.fromEntries(Object.entries(everyField).map(([k, v]) => [k, `${v}\u0000`]))),
      JSON.stringify(Object.fromEntries(Object.entries(everyField).map(([k, v]) => [k, `${v}\ud800`]))),
      JSON.stringify(everyField).slice(0, -1),
      `{"secret": "${SECRET}", "labels": ${'['.repeat(64)}${']'.repeat(64)}}`,
    ];
    for (const body of bodies) await send(body, 'application/json');
    if (path.startsWith('/v1/')) {
      // Refused by validation: an unknown field, named by the canary, beside every known one.
      await send(JSON.stringify({ ...everyField, [SECRET]: SECRET }), 'application/json');
      await send(JSON.stringify({ ...everyField, extra: [SECRET], labels: SECRET, expiresAt: SECRET }), 'application/json');
    }
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      await send(JSON.stringify(everyField), contentType);
      await send(new URLSearchParams(everyField).toString(), contentType);
    }
    await send(JSON.stringify({ [SECRET]: 1 }), 'application/json', `${path.replace(/\{[^}]+\}/g, SECRET)}?q=${SECRET}&cursor=${SECRET}`);
  }
  for (const url of [
    `/v1/credentials?q=${SECRET}%00`,
    `/v1/credentials?cursor=${SECRET}`,
    `/v1/audit?from=${SECRET}`,
    `/v1/credentials/${SECRET}`,
    `/v1/${SECRET}`,
  ]) {
    await api.request('GET', url);
  }
});
afterAll(() => api.close());

it('covers every write route of the document', () => {
  expect(writes.length).toBeGreaterThan(20);
  expect(writes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ method: 'POST', path: '/v1/credentials', fields: expect.arrayContaining(['secret', 'name']) }),
    ]),
  );
});

it('answers each refusal without the value', () => {
  const refusals = api.responses.filter(
    (r) => r.body.includes('"statusCode":4') || /"statusCode":\s*4/.test(r.body) || r.body.includes('"error"'),
  );
  expect(refusals.length).toBeGreaterThan(writes.length * 8);
  for (const response of api.responses)
    expect({ url: response.url, leaked: response.body.includes(SECRET) ? response.body : false }).toEqual({
      url: response.url,
      leaked: false,
    });
});

it('writes the value to no log line', () => {
  expect(api.logs.length).toBeGreaterThan(writes.length);
  expect(api.logs.filter((line) => line.includes(SECRET))).toEqual([]);
});

it('puts the value in no audit entry or event', async () => {
  const audit = await api.request('GET', '/v1/audit?limit=1000');
  expect(audit.statusCode).toBe(200);
  expect(audit.body).not.toContain(SECRET);
  const events = await api.orm.em
    .fork()
    .execute<{ n: number }[]>(`select count(*)::int as n from kl_events where data::text like ? or metadata::text like ?`, [
      `%${SECRET}%`,
      `%${SECRET}%`,
    ]);
  expect(events[0]!.n).toBe(0);
});
