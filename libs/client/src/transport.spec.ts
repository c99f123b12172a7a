import { HttpTransport } from './transport.js';
import { NetworkError, NotFoundError, RateLimitedError, ServerError, UnauthorizedError } from './errors.js';

// The transport over a scripted fetch: which failures are retried, and how errors are typed.
function scripted(...answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift() ?? new Response('{}', { status: 200 });
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as typeof globalThis.fetch;
  return {
    calls,
    transport: new HttpTransport({
      addr: 'http://kl.test/base/',
      token: 'klt_t',
      fetch,
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
    }),
  };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const refused = () => Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });

it('sends the token, JSON body, idempotency key and If-Match; never follows redirects', async () => {
  const { calls, transport } = scripted(json(201, { id: 'x' }));
  const reply = await transport.request('POST', '/v1/credentials', {
    body: { a: 1 },
    idempotencyKey: 'k1',
    ifMatch: 3,
    query: { q: 'n', skip: undefined },
  });
  expect(reply).toMatchObject({ status: 201, body: { id: 'x' } });
  const { url, init } = calls[0]!;
  expect(url).toBe('http://kl.test/base/v1/credentials?q=n');
  expect(init.headers).toMatchObject({
    authorization: 'Bearer klt_t',
    'idempotency-key': 'k1',
    'if-match': '"3"',
    'content-type': 'application/json',
  });
  expect(init.body).toBe('{"a":1}');
  expect(init.redirect).toBe('error');
});

it('retries GETs on 5xx and network errors, with backoff, then succeeds', async () => {
  const retries: number[] = [];
  const { calls, transport } = scripted(json(503, { message: 'down' }), refused(), json(200, { ok: true }));
  (transport as unknown as { options: { onRetry: (i: { attempt: number }) => void } }).options.onRetry = (i) => retries.push(i.attempt);
  expect((await transport.request('GET', '/v1/x')).body).toEqual({ ok: true });
  expect(calls).toHaveLength(3);
  expect(retries).toEqual([1, 2]);
});

it('gives up after the retries with a typed error', async () => {
  const { transport } = scripted(json(502, {}), json(502, {}), json(500, { statusCode: 500, message: 'internal error' }));
  await expect(transport.request('GET', '/v1/x')).rejects.toThrow(ServerError);
  const down = scripted(refused(), refused(), refused());
  await expect(down.transport.request('GET', '/v1/x')).rejects.toMatchObject({
    constructor: NetworkError,
    message: 'cannot reach http://kl.test: connection refused',
  });
});

it('does not retry a write without an idempotency key, unless told it is safe', async () => {
  const once = scripted(json(503, {}), json(201, {}));
  await expect(once.transport.request('POST', '/v1/credentials', { body: {} })).rejects.toThrow(ServerError);
  expect(once.calls).toHaveLength(1);
  const safe = scripted(json(503, {}), json(200, { secret: 's' }));
  expect((await safe.transport.request('POST', '/v1/credentials/x/reveal', { retry: true })).body).toEqual({ secret: 's' });
});

it('types 401, 404 and 429 (with Retry-After) and does not retry them', async () => {
  const { calls, transport } = scripted(
    json(401, { statusCode: 401, message: 'unknown token' }),
    json(404, { statusCode: 404, message: 'credential x not found', code: 'NOT_FOUND' }),
    json(429, { statusCode: 429, message: 'slow down', code: 'RATE_LIMITED' }, { 'retry-after': '7' }),
  );
  await expect(transport.request('GET', '/a')).rejects.toThrow(UnauthorizedError);
  await expect(transport.request('GET', '/b')).rejects.toMatchObject({
    constructor: NotFoundError,
    status: 404,
    code: 'NOT_FOUND',
    message: 'credential x not found',
  });
  await expect(transport.request('GET', '/c')).rejects.toMatchObject({ constructor: RateLimitedError, retryAfterSeconds: 7 });
  expect(calls).toHaveLength(3);
});

it('says so when the answer is not JSON (KEYLEDGER_ADDR pointing elsewhere)', async () => {
  const { transport } = scripted(new Response('<html>', { status: 200 }));
  await expect(transport.request('GET', '/v1/x')).rejects.toThrow('answered GET /v1/x with something other than JSON');
});

it('does not retry a certificate it cannot trust, and says so', async () => {
  const untrusted = Object.assign(new TypeError('fetch failed'), { cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } });
  const { calls, transport } = scripted(untrusted, json(200, {}));
  const error = await transport.request('GET', '/v1/templates').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as Error).message).toBe(
    'cannot reach http://kl.test: TLS certificate not trusted (SELF_SIGNED_CERT_IN_CHAIN): trust the CA that signed it',
  );
  expect(calls).toHaveLength(1);
});

it('takes either a CA or a fetch, not both', () => {
  const fetch = (async () => new Response('{}')) as unknown as typeof globalThis.fetch;
  expect(() => new HttpTransport({ addr: 'https://kl.test', ca: '-----BEGIN CERTIFICATE-----', fetch })).toThrow(
    'give the transport either a ca or a fetch, not both',
  );
});
