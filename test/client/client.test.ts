import pg from 'pg';
import {
  ConflictError,
  connectionString,
  ForbiddenError,
  KeyledgerClient,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from '#client';
import { ADMIN_TOKEN, forgetHostPurposeReservations, openAiCredential, openAiKey } from '../support/api.js';
import { startHttpTestApi, type HttpTestApi } from '../support/http-api.js';
import { createPrincipal } from '../support/principals.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

// @keyledger/client against the real API on a real port.
let api: HttpTestApi;
let client: KeyledgerClient;
let openaiId: string;
beforeAll(async () => {
  // Room for this file's own reveals; one principal below goes over it on purpose.
  api = await startHttpTestApi('client_library', { KEYLEDGER_REVEAL_RATE_LIMIT: '30' });
  client = new KeyledgerClient({ addr: api.url, token: ADMIN_TOKEN });
  const body = { ...openAiCredential('openai-app', openAiKey('Client1Client1Cl')), purpose: 'chat' };
  openaiId = (await api.request('POST', '/v1/credentials', { body })).json().id;
});
afterAll(() => api.close());

const revealCount = async () =>
  (await api.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from kl_events where type = 'SecretRevealed'`))[0]!.n;

describe('reading secrets', () => {
  it('gets a secret by id or by name, and looks one up by host and purpose', async () => {
    const byId = await client.getSecret(openaiId);
    expect(byId).toMatchObject({
      id: openaiId,
      name: 'openai-app',
      type: 'openai',
      secret: openAiKey('Client1Client1Cl'),
      secretVersion: 1,
      host: 'api.openai.com',
    });
    expect((await client.getSecret('openai-app')).id).toBe(openaiId);
    expect((await client.lookup({ host: 'api.openai.com', purpose: 'chat' })).id).toBe(openaiId);
  });

  it('builds a connection string that connects to the real PostgreSQL', async () => {
    const body = {
      name: 'local-pg',
      type: 'postgres',
      host: '127.0.0.1',
      username: 'postgres',
      secret: 'p@ss/w:rd',
      extra: { port: 5432, database: 'postgres', sslmode: 'disable' },
    };
    expect((await api.request('POST', '/v1/credentials', { body })).statusCode).toBe(201);
    const url = connectionString(await client.getSecret('local-pg'));
    expect(url).toBe('postgresql://postgres:p%40ss%2Fw%3Ard@127.0.0.1:5432/postgres?sslmode=disable');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await db.end();
  });
});

describe('the credential summary', () => {
  it('counts the credentials and passes the window and the limit as the API names them', async () => {
    const summary = await client.admin.credentialSummary({ expiringWithinDays: 365, limit: 1 });
    expect(summary).toMatchObject({ expiringWithinDays: 365, byCategory: { service: expect.any(Number), seed: expect.any(Number) } });
    expect(summary.total).toBe(summary.byStatus.active + summary.byStatus.inactive + summary.byStatus.destroyed);
    expect(summary.total).toBeGreaterThan(0);
    expect(summary.expiring.credentials.length).toBeLessThanOrEqual(1);
  });
});

describe('the cache', () => {
  it('is off by default: every call asks the API', async () => {
    const before = await revealCount();
    await client.getSecret(openaiId);
    await client.getSecret(openaiId);
    expect(await revealCount()).toBe(before + 2);
  });

  it('reads through its cache, serves the stale secret once after a rotation, then the new one', async () => {
    let now = 0;
    const cached = new KeyledgerClient({
      addr: api.url,
      token: ADMIN_TOKEN,
      cache: { ttlMs: 1000, staleWhileRevalidateMs: 60_000, now: () => now },
    });
    const before = await revealCount();
    const first = await cached.getSecret(openaiId);
    first.secret = 'changed by the caller';
    expect((await cached.getSecret(openaiId)).secret).toBe(openAiKey('Client1Client1Cl'));
    expect(await revealCount()).toBe(before + 1);
    const rotated = openAiKey('Client2Client2Cl');
    expect((await api.request('POST', `/v1/credentials/${openaiId}/rotate`, { body: { secret: rotated } })).statusCode).toBe(200);
    expect((await cached.getSecret(openaiId)).secretVersion).toBe(1);
    now = 1500;
    const stale = await cached.getSecret(openaiId);
    expect(stale.secretVersion).toBe(1);
    // One background refresh (calls meanwhile get the stale value and share it), then the new secret.
    await waitFor(async () => (await cached.getSecret(openaiId)).secretVersion === 2);
    expect(await cached.getSecret(openaiId)).toMatchObject({ secret: rotated, secretVersion: 2 });
    expect(await revealCount()).toBe(before + 2);
    now = 100_000;
    expect((await cached.getSecret(openaiId)).secretVersion).toBe(2);
    expect(await revealCount()).toBe(before + 3);
  });

  it('forgets on invalidate, so a service can refresh at once after it rotated a secret itself', async () => {
    const cached = new KeyledgerClient({ addr: api.url, token: ADMIN_TOKEN, cache: { ttlMs: 3_600_000 } });
    expect((await cached.getSecret('openai-app')).secretVersion).toBe(2);
    await api.request('POST', `/v1/credentials/${openaiId}/rotate`, { body: { secret: openAiKey('Client3Client3Cl') } });
    expect((await cached.getSecret('openai-app')).secretVersion).toBe(2);
    cached.invalidate('openai-app');
    expect((await cached.getSecret('openai-app')).secretVersion).toBe(3);
  });
});

describe('errors', () => {
  it('types 401, 403, 404 and 409', async () => {
    await expect(new KeyledgerClient({ addr: api.url, token: 'klt_wrong' }).getSecret(openaiId)).rejects.toThrow(UnauthorizedError);
    const auditor = await createPrincipal(api, 'auditor');
    await expect(new KeyledgerClient({ addr: api.url, token: auditor.token }).getSecret(openaiId)).rejects.toThrow(ForbiddenError);
    await expect(client.getSecret('no-such-credential')).rejects.toMatchObject({
      constructor: NotFoundError,
      status: 404,
      code: 'NOT_FOUND',
    });
    await forgetHostPurposeReservations(api.orm);
    await api.request('POST', '/v1/credentials', { body: { ...openAiCredential('openai-twin'), purpose: 'chat' } });
    await expect(client.lookup({ host: 'api.openai.com', purpose: 'chat' })).rejects.toThrow(ConflictError);
  });

  it('types 429 from the reveal rate limit, with its Retry-After', async () => {
    const busy = new KeyledgerClient({ addr: api.url, token: (await createPrincipal(api, 'admin')).token });
    let refused: unknown;
    for (let i = 0; i <= 30 && refused === undefined; i++) await busy.getSecret(openaiId).catch((error: unknown) => (refused = error));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as RateLimitedError).code).toBe('RATE_LIMITED');
  });

  it('retries through a short outage, and fails with a NetworkError when the API stays away', async () => {
    const proxy: TcpProxy = await startTcpProxy(api.port, 'http');
    try {
      const behindProxy = new KeyledgerClient({
        addr: proxy.url,
        token: ADMIN_TOKEN,
        retry: { retries: 6, baseDelayMs: 100, maxDelayMs: 400 },
      });
      await proxy.pause();
      const pending = behindProxy.getSecret(openaiId);
      setTimeout(() => void proxy.resume(), 300);
      expect((await pending).id).toBe(openaiId);
      await proxy.pause();
      const quick = new KeyledgerClient({ addr: proxy.url, token: ADMIN_TOKEN, retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 20 } });
      await expect(quick.getSecret(openaiId)).rejects.toThrow(
        new NetworkError(`cannot reach ${proxy.url}: connection refused`, { method: 'POST', path: '' }).message,
      );
    } finally {
      await proxy.close();
    }
  });
});

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}
