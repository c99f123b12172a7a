import { grantedService } from '../support/access.js';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';

// A Redis outage neither blocks reads nor lifts the limit: an in-memory
// limiter of the same size counts per process until Redis is back. (Its own
// file: API processes in one jest module registry share one log destination.)
describe('while Redis is down', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('access_rate_limit_offline', { KEYLEDGER_REVEAL_RATE_LIMIT: '3', REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => api.close());

  it('still serves reads and still limits them, per process', async () => {
    const id = (await api.request('POST', '/v1/credentials', { body: openAiCredential('limited-offline') })).json().id;
    const service = await grantedService(api, id);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await api.request('POST', `/v1/credentials/${id}/reveal`, { token: service.token })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(api.logs.some((line) => line.includes('reveal rate limit counted per process'))).toBe(true);
  });
});
