import { createApi } from '../../apps/api/src/app.factory.js';
import { accessRecordsOf, grantedService } from '../support/access.js';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { deleteRedisKeys, testRedisPrefix } from '../support/redis.js';

// Reveals and lookups are limited per principal, counted in Redis (shared by
// every API process); access-rate-limit-offline.test.ts covers Redis down.
const LIMIT = { KEYLEDGER_REVEAL_RATE_LIMIT: '3', KEYLEDGER_REVEAL_RATE_WINDOW_SECONDS: '60' };

describe('with Redis', () => {
  const prefix = testRedisPrefix('access_rate_limit');
  let api: TestApi;
  let id: string;
  beforeAll(async () => {
    await deleteRedisKeys(prefix);
    api = await startTestApi('access_rate_limit', { ...LIMIT, KEYLEDGER_REDIS_PREFIX: prefix });
    id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('limited') })).json().id;
  });
  afterAll(() => api.close());

  it('answers 429 with Retry-After past the limit, for reveal and lookup alike, and records it', async () => {
    const service = await grantedService(api, id);
    const reveal = () => api.request('POST', `/v1/credentials/${id}/reveal`, { token: service.token });
    expect([(await reveal()).statusCode, (await reveal()).statusCode]).toEqual([200, 200]);
    expect((await api.request('POST', '/v1/credentials/lookup', { body: { name: 'limited' }, token: service.token })).statusCode).toBe(200);
    const limited = await reveal();
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body).not.toContain('sk-');
    const lookup = await api.request('POST', '/v1/credentials/lookup', { body: { name: 'limited' }, token: service.token });
    expect(lookup.statusCode).toBe(429);
    const records = await accessRecordsOf(api, service.principalId);
    expect(records.map((r) => [r.stream_id, r.data.action, r.data.reason])).toEqual([
      [`credential-access-${id}`, 'reveal', 'rate_limited'],
      [`principal-access-${service.principalId}`, 'lookup', 'rate_limited'],
    ]);
    expect(await accessRecordsOf(api, service.principalId, 'SecretRevealed')).toHaveLength(3);
  });

  it('counts per principal: another service still reads', async () => {
    const other = await grantedService(api, id);
    expect((await api.request('POST', `/v1/credentials/${id}/reveal`, { token: other.token })).statusCode).toBe(200);
  });

  it('shares one budget across API processes', async () => {
    const service = await grantedService(api, id);
    const second = await createApi(api.config, { logStream: { write: () => undefined } });
    try {
      const revealOn = async (inject: TestApi['app']['inject']) =>
        (await inject({ method: 'POST', url: `/v1/credentials/${id}/reveal`, headers: { authorization: `Bearer ${service.token}` } }))
          .statusCode;
      const first = api.app.inject.bind(api.app);
      const other = second.inject.bind(second);
      expect([await revealOn(first), await revealOn(other), await revealOn(first), await revealOn(other)]).toEqual([200, 200, 200, 429]);
    } finally {
      await second.close();
    }
  });
});
