import fc from 'fast-check';
import { ADMIN_TOKEN, openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { createPrincipal, type TestRole } from '../support/principals.js';

// Property: no request, however malformed, makes the API fail. Every route of
// the OpenAPI document (so a new route is covered without touching this file)
// gets generated hostile requests, as every role; each answer is below 500,
// every refusal has the documented error body with a stable code, and
// afterwards the API is ready and the event log verifies. Seeded and bounded:
// a failure names its seed and shrinks to one request.

const SEED = 20261203;
const RUNS = 600;

interface Route {
  method: string;
  path: string;
  query: string[];
  hasBody: boolean;
}

let api: TestApi;
let routes: Route[];
let tokens: Record<TestRole, string>;
let credentialId: string;

beforeAll(async () => {
  api = await startTestApi('api_fuzz', { KEYLEDGER_REVEAL_RATE_LIMIT: '100000' });
  const document = (await api.request('GET', '/docs/openapi.json', { token: null })).json();
  routes = Object.entries(
    document.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown }>>,
  ).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      hasBody: operation.requestBody !== undefined,
    })),
  );
  credentialId = (await api.request('POST', '/v1/credentials', { body: openAiCredential('fuzz-target') })).json().id;
  tokens = { admin: ADMIN_TOKEN } as Record<TestRole, string>;
  for (const role of ['operator', 'service', 'auditor'] as const) tokens[role] = (await createPrincipal(api, role)).token;
});
afterAll(() => api.close());

it('enumerates the route table', () => {
  // Enough to know the document was read; each route is then drawn at random.
  expect(routes.length).toBeGreaterThan(30);
  expect(routes).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'POST', path: '/v1/credentials/{id}/reveal' })]));
});

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff\ud800',
    '\u001b[2J',
    '%00',
    '../../etc/passwd',
    "' or 1=1 --",
    '${jndi:x}',
    '__proto__',
  ),
  fc.constantFrom(
    '1001',
    '2020-02-30',
    'June 31 2020',
    '+275760-09-13',
    '0000-01-01T00:00:00Z',
    '2020-02-30T00:00:00Z',
    '9'.repeat(40),
    '-1',
    '1e400',
    'NaN',
    '0x10',
    '',
  ),
  fc.constantFrom(
    Buffer.from(JSON.stringify(['2020-02-30T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])).toString('base64url'),
    Buffer.from(JSON.stringify(['99999999999999999999', 1, 0])).toString('base64url'),
    Buffer.from('[').toString('base64url'),
  ),
  fc.integer({ min: 1000, max: 70_000 }).map((n) => 'x'.repeat(n)),
);

const pathValue = fc.oneof(
  fc.constant('<credential>'),
  fc.uuid(),
  hostileText.filter((s) => s.length > 0 && s.length < 2000),
);

const nested = fc
  .integer({ min: 20, max: 20_000 })
  .chain((depth) =>
    fc.constantFrom(`{"labels": ${'['.repeat(depth)}${']'.repeat(depth)}}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
  );

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        'name',
        'type',
        'secret',
        'username',
        'host',
        'purpose',
        'labels',
        'description',
        'expiresAt',
        'extra',
        'principal',
        'permission',
        'url',
        'events',
        'provider',
        'for',
        'role',
      ),
      fc.oneof(
        hostileText,
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(hostileText, { maxLength: 3 }),
        fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
      ),
    )
    .map((v) => JSON.stringify(v)),
  nested,
  fc.constantFrom('{', '[1,', '{"a":1}}', 'null', '"text"', '{"__proto__": {"x": 1}}', ''),
);

const request = fc.record({
  route: fc.nat(),
  role: fc.constantFrom<TestRole>('admin', 'admin', 'operator', 'service', 'auditor'),
  params: fc.array(pathValue, { minLength: 2, maxLength: 2 }),
  query: fc.array(
    fc.tuple(
      fc.nat(),
      hostileText.filter((s) => s.length < 5000),
    ),
    { maxLength: 3 },
  ),
  body: fc.option(jsonBody, { nil: undefined, freq: 4 }),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    undefined,
  ),
});

const isKeyledgerRoute = (route: Route) => /^\/(v1|health|metrics|docs)(\/|$)/.test(route.path);

/** Every byte of the UTF-8 text percent-encoded (a URL cannot carry an unpaired surrogate: it becomes U+FFFD). */
const percentEncoded = (text: string) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

function urlOf(route: Route, params: string[], query: [number, string][]): string {
  let index = 0;
  const path = route.path.replace(/\{[^}]+\}/g, () => {
    const value = params[index++ % params.length]!;
    return percentEncoded(value === '<credential>' ? credentialId : value);
  });
  const names = route.query.length > 0 ? route.query : ['q'];
  const search = new URLSearchParams(query.map(([n, value]): [string, string] => [names[n % names.length]!, value]));
  return search.size > 0 ? `${path}?${search.toString()}` : path;
}

it('answers every generated request below 500, refusals in the documented error body', async () => {
  await fc.assert(
    fc.asyncProperty(request, async ({ route: n, role, params, query, body, contentType }) => {
      const route = routes[n % routes.length]!;
      const headers: Record<string, string> = { authorization: `Bearer ${tokens[role]}` };
      if (body !== undefined && contentType) headers['content-type'] = contentType;
      const reply = await api.app.inject({ method: route.method as 'GET', url: urlOf(route, params, query), headers, payload: body });
      const where = `${route.method} ${route.path} as ${role}`;
      expect({ where, status: reply.statusCode < 500 ? 'below 500' : reply.statusCode }).toEqual({ where, status: 'below 500' });
      // Adapters for other systems (/api/..., /internal/...) answer in those systems' documented shapes.
      if (reply.statusCode >= 400 && isKeyledgerRoute(route)) {
        expect({ where, body: reply.json() }).toEqual({
          where,
          body: expect.objectContaining({
            statusCode: reply.statusCode,
            error: expect.any(String),
            message: expect.any(String),
            code: expect.stringMatching(/^[A-Z_]+$/),
          }),
        });
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}, 120_000);

it('is still ready and its event log still verifies', async () => {
  expect((await api.request('GET', '/health/ready', { token: null })).statusCode).toBe(200);
  expect((await api.request('GET', '/v1/events/verify', { token: tokens.auditor })).json()).toEqual(expect.objectContaining({ ok: true }));
});
