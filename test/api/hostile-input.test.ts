import { openAiCredential, startTestApi, ADMIN_TOKEN, type TestApi } from '../support/api.js';

// Requests an attacker would send: each answers a 4xx in the documented error
// body with a stable code, never a 500, and never quotes what was sent.

let api: TestApi;
let id: string;
beforeAll(async () => {
  api = await startTestApi('api_hostile_input');
  id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('hostile-target') })).json().id;
});
afterAll(() => api.close());

/** A request with a raw body and content type, as curl sends them. */
async function raw(method: string, url: string, payload: string, contentType?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` };
  if (contentType) headers['content-type'] = contentType;
  const reply = await api.app.inject({ method: method as 'POST', url, headers, payload });
  return reply;
}

function expectRefused(reply: { statusCode: number; json(): any }, statusCode: number, code: string) {
  expect({ statusCode: reply.statusCode, code: reply.json().code }).toEqual({ statusCode, code });
  const body = reply.json();
  expect(body).toEqual(expect.objectContaining({ statusCode, error: expect.any(String), message: expect.any(String), code }));
}

describe('JSON bodies', () => {
  it('refuses nesting deeper than the limit before the body reaches a DTO', async () => {
    const deep = `{"labels": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const reply = await raw('POST', '/v1/credentials', deep, 'application/json');
    expectRefused(reply, 400, 'VALIDATION_FAILED');
    expect(reply.json().details).toEqual([{ field: 'body', message: 'must not nest arrays and objects deeper than 32 levels' }]);
  });

  it('takes nesting up to the limit to the usual validation', async () => {
    const deep = `{"name": "x", "labels": ${'['.repeat(31)}${']'.repeat(31)}}`;
    const reply = await raw('POST', '/v1/credentials', deep, 'application/json');
    expectRefused(reply, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(reply.json().details)).not.toContain('deeper');
  });

  it('refuses a body over the size limit as 413 naming the limit', async () => {
    const reply = await raw('POST', '/v1/credentials', JSON.stringify({ description: 'x'.repeat(1024 * 1024) }), 'application/json');
    expectRefused(reply, 413, 'PAYLOAD_TOO_LARGE');
    expect(reply.json().message).toContain('1048576 bytes');
  });

  it('refuses broken JSON without quoting it', async () => {
    const reply = await raw('POST', '/v1/credentials', '{"secret": "sk-broken-json-value-123", ', 'application/json');
    expectRefused(reply, 400, 'VALIDATION_FAILED');
    expect(reply.body).not.toContain('sk-broken-json-value-123');
  });

  it('refuses NUL, other control characters and lone surrogates in any string, naming the field', async () => {
    for (const [payload, field] of [
      ['{"host": "a\\u0000b", "purpose": "x"}', 'host'],
      ['{"name": "a\\u0007b"}', 'name'],
      ['{"name": "ok", "description": "\\ud800"}', 'description'],
      ['{"extra": {"region": "\\udc00x"}}', 'extra.region'],
      ['{"labels": ["ok", "a\\u001bb"]}', 'labels[1]'],
    ]) {
      const reply = await raw('POST', '/v1/credentials/lookup', payload!, 'application/json');
      expectRefused(reply, 400, 'VALIDATION_FAILED');
      expect(reply.json().details).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('keeps tabs, line breaks and surrogate pairs', async () => {
    const reply = await api.request('PATCH', `/v1/credentials/${id}`, { body: { description: 'line one\r\n\tline two 🔑 end' } });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().description).toBe('line one\r\n\tline two 🔑 end');
  });

  it('refuses prototype keys', async () => {
    const reply = await raw('PATCH', `/v1/credentials/${id}`, '{"extra": {"__proto__": {"admin": true}}}', 'application/json');
    expectRefused(reply, 400, 'VALIDATION_FAILED');
  });
});

describe('content types', () => {
  const body = JSON.stringify({ secret: 'sk-form-encoded-secret-0001' });

  it.each([
    ['POST', '/v1/credentials'],
    ['PUT', '/v1/credentials/:id'],
    ['POST', '/v1/credentials/:id/rotate'],
  ])('answers %s %s with a form or text body 415, without echo', async (method, path) => {
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml']) {
      const reply = await raw(method, path.replace(':id', id), body, contentType);
      expectRefused(reply, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(reply.body).not.toContain('sk-form-encoded');
      expect(reply.body).not.toContain(contentType.split(';')[0]);
    }
  });

  it('names an unknown field only when it is a plain word', async () => {
    const reply = await raw(
      'POST',
      `/v1/credentials/${id}/rotate`,
      JSON.stringify({ secret: 'sk-x', 'sk-live odd key 42': 1, colour: 2 }),
      'application/json',
    );
    expectRefused(reply, 400, 'VALIDATION_FAILED');
    expect(reply.body).not.toContain('sk-live odd key 42');
    expect(reply.json().details).toEqual(expect.arrayContaining([{ field: '(unknown field)', message: 'is not an accepted field' }]));
  });
});

describe('query strings and paths', () => {
  it('refuses a NUL in a query value or a path parameter', async () => {
    expectRefused(await api.request('GET', '/v1/credentials?q=%00'), 400, 'VALIDATION_FAILED');
    expectRefused(await api.request('GET', '/v1/credentials?host=a%01b'), 400, 'VALIDATION_FAILED');
    expectRefused(await api.request('GET', '/v1/templates/ssh%00'), 400, 'VALIDATION_FAILED');
  });

  it('answers every malformed path id with the documented body, naming the parameter', async () => {
    for (const [method, url, field] of [
      ['GET', '/v1/credentials/not-a-uuid', 'id'],
      ['POST', '/v1/credentials/prod-db/grants', 'id'],
      ['DELETE', `/v1/credentials/${id}/grants/by-name`, 'grantId'],
      ['GET', '/v1/keys/rotations/1', 'id'],
      ['DELETE', '/v1/tokens/%27%20or%201=1', 'id'],
    ]) {
      const reply = await api.request(method!, url!, method === 'POST' ? { body: { principalId: 'x', permission: 'use' } } : {});
      expectRefused(reply, 400, 'VALIDATION_FAILED');
      expect(reply.json().details).toEqual([{ field, message: 'must be a UUID' }]);
    }
  });

  it('answers an unknown route 404 without quoting the URL', async () => {
    const reply = await api.request('GET', '/v1/nothing-here?token=sk-in-a-url-0001');
    expectRefused(reply, 404, 'NOT_FOUND');
    expect(reply.body).not.toContain('sk-in-a-url');
  });
});

describe('dates, numbers and cursors', () => {
  it.each(['1001', '2020-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', 'June 31 2020', '2020-06-01'])(
    'refuses audit bound %s',
    async (value) => {
      for (const bound of ['from', 'to']) {
        const reply = await api.request('GET', `/v1/audit?${bound}=${encodeURIComponent(value)}`);
        expectRefused(reply, 400, 'VALIDATION_FAILED');
        expect(reply.json().details).toEqual([expect.objectContaining({ field: bound })]);
      }
    },
  );

  it('takes a real instant in any zone', async () => {
    expect(
      (await api.request('GET', `/v1/audit?from=${encodeURIComponent('2020-02-29T23:00:00+01:00')}&to=9999-12-31T23:59:59Z`)).statusCode,
    ).toBe(200);
  });

  const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const uuid = '00000000-0000-4000-8000-000000000000';
  const cursors = [
    forged(['2020-02-30T00:00:00.000Z', uuid]),
    forged(['June 31 2020', uuid]),
    forged(['+275760-09-13T00:00:00.000Z', uuid]),
    forged(['2020-01-01T00:00:00.000Z', uuid, 'extra']),
    forged(['2020-01-01T00:00:00.000Z', 'not-a-uuid']),
    forged(['99999999999999999999', 1, 0]),
    forged(['18446744073709551616', 1, 0]),
    'not base64 at all!',
    '',
  ];

  it.each(['/v1/credentials', '/v1/tokens', '/v1/principals', '/v1/webhooks', '/v1/audit'])(
    'refuses cursors Keyledger did not issue on %s',
    async (route) => {
      for (const cursor of cursors) {
        const reply = await api.request('GET', `${route}?cursor=${encodeURIComponent(cursor)}`);
        if (cursor === '') expect(reply.statusCode).toBeLessThan(500);
        else expectRefused(reply, 400, 'VALIDATION_FAILED');
      }
    },
  );

  it('refuses numbers out of range or not numbers', async () => {
    for (const url of [
      '/v1/events?after=1e400',
      '/v1/events?after=99999999999999999999',
      '/v1/events?after=-1',
      '/v1/events?limit=0x',
      '/v1/credentials?limit=1.5',
      '/v1/audit?limit=NaN',
    ]) {
      const reply = await api.request('GET', url, { headers: { accept: 'application/x-ndjson' } });
      expectRefused(reply, 400, 'VALIDATION_FAILED');
    }
  });

  it('still pages with the cursors it issues', async () => {
    await api.request('POST', '/v1/credentials', { body: openAiCredential('hostile-second') });
    const first = (await api.request('GET', '/v1/credentials?limit=1')).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await api.request('GET', `/v1/credentials?limit=1&cursor=${first.nextCursor}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().credentials[0].id).not.toBe(first.credentials[0].id);
  });
});

it('leaves the server ready and the log verifiable', async () => {
  expect((await api.request('GET', '/health/ready', { token: null })).statusCode).toBe(200);
  expect((await api.request('GET', '/v1/events/verify')).json()).toEqual(expect.objectContaining({ ok: true }));
});
