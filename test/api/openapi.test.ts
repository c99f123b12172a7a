import { startTestApi, type TestApi } from '../support/api.js';

interface Response {
  description?: string;
  content?: Record<string, { schema?: { allOf?: { $ref?: string; properties?: { code?: { enum?: string[] } } }[] } }>;
}
interface Operation {
  summary?: string;
  security?: unknown[];
  responses?: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
}

let api: TestApi;
let document: Document;
beforeAll(async () => {
  api = await startTestApi('openapi_document');
  const reply = await api.request('GET', '/docs/openapi.json', { token: null });
  expect(reply.statusCode).toBe(200);
  document = reply.json<Document>();
});
afterAll(() => api.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
  );

/** The codes listed for one status of an operation, from its error body schema. */
const codesOf = (op: Operation, status: string) =>
  op.responses?.[status]?.content?.['application/json']?.schema?.allOf?.find((part) => part.properties)?.properties?.code?.enum ?? [];

it('serves Swagger UI at /docs', async () => {
  const reply = await api.request('GET', '/docs', { token: null });
  expect(reply.statusCode).toBe(200);
  expect(reply.body).toContain('swagger');
});

it('gives every operation a summary', () => {
  expect(operations().length).toBeGreaterThan(40);
  expect(
    operations()
      .filter(([, op]) => !op.summary?.trim())
      .map(([name]) => name),
  ).toEqual([]);
});

it('gives every success answer a schema (204 has no body)', () => {
  const missing = operations().filter(([, op]) => {
    const successes = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2'));
    return (
      successes.length === 0 || successes.some(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema))
    );
  });
  expect(missing.map(([name]) => name)).toEqual([]);
});

it('documents the error body with every error code', () => {
  const codes = document.components.schemas.ErrorResponse?.properties?.code?.enum ?? [];
  expect(codes).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED']));
});

it('lists the errors a token-guarded operation can answer, each with the error body and its codes', () => {
  for (const [name, op] of operations()) {
    if (!op.security?.length || name.includes('/internal/')) continue;
    expect([name, codesOf(op, '401')]).toEqual([name, ['UNAUTHENTICATED']]);
    expect([name, codesOf(op, '403')]).toEqual([name, ['FORBIDDEN']]);
    const ref = op.responses?.['401']?.content?.['application/json']?.schema?.allOf?.[0]?.$ref;
    expect([name, ref]).toEqual([name, '#/components/schemas/ErrorResponse']);
  }
  const create = document.paths['/v1/credentials']!.post!;
  expect(codesOf(create, '400')).toEqual(['VALIDATION_FAILED']);
  expect(codesOf(create, '409')).toEqual(['DUPLICATE_HOST_PURPOSE', 'DUPLICATE_NAME', 'IDEMPOTENCY_KEY_IN_FLIGHT']);
  expect(codesOf(create, '422')).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  const reveal = document.paths['/v1/credentials/{id}/reveal']!.post!;
  expect(codesOf(reveal, '404')).toEqual(['NOT_FOUND']);
  expect(codesOf(reveal, '409')).toEqual(['CREDENTIAL_DESTROYED', 'CREDENTIAL_EXPIRED', 'CREDENTIAL_INACTIVE']);
  expect(codesOf(reveal, '429')).toEqual(['RATE_LIMITED']);
  const patch = document.paths['/v1/credentials/{id}']!.patch!;
  expect(codesOf(patch, '412')).toEqual(['PRECONDITION_FAILED']);
  expect(patch.responses?.['412']?.description).toBe('Precondition Failed: PRECONDITION_FAILED');
});

it('documents answers as they are: a 401 of the API has the documented body and code', async () => {
  const reply = await api.request('GET', '/v1/credentials', { token: null });
  expect(reply.statusCode).toBe(401);
  expect(reply.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED' });
});
