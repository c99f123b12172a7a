import { singleRow } from '#database';
import { accessStreamId, ACCESS_STREAM_TYPE } from '#domain';
import { appendUnversioned, eventHash } from '#event-store';
import { openAiCredential, openAiKey, startTestApi, type TestApi } from '../support/api.js';
import { deferred, eventually } from '../support/async.js';
import { TOKENS, withTestPrincipals } from '../support/principals.js';

let api: TestApi;
const tenant = () => api.config.bootstrapTenant;

interface Line {
  position: number;
  transactionId: string;
  eventId: string;
  streamId: string;
  streamType: string;
  streamVersion: number | null;
  tenant: string;
  type: string;
  data: Record<string, any>;
  metadata: Record<string, unknown>;
  recordedAt: string;
  hash: string;
  prevHash: string | null;
}

async function feed(query: string, token?: string): Promise<{ status: number; type: string; lines: Line[] }> {
  const reply = await api.request('GET', `/v1/events${query}`, { token });
  const lines =
    reply.statusCode === 200
      ? reply.body
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as Line)
      : [];
  return { status: reply.statusCode, type: String(reply.headers['content-type']), lines };
}

const tenantEventCount = async (t: string) =>
  singleRow(await api.orm.em.fork().execute<{ n: number }[]>(`select count(*)::int as n from kl_events where tenant = ?`, [t])).n;

/** Every event of the principal's tenant, read page by page; waits until the feed has caught up with the table. */
async function readEverything(limit: number, token?: string): Promise<Line[]> {
  let all: Line[] = [];
  await eventually(
    async () => {
      all = [];
      for (let after = 0; ;) {
        const page = await feed(`?after=${after}&limit=${limit}`, token);
        expect(page.status).toBe(200);
        all.push(...page.lines);
        if (page.lines.length < limit) break;
        after = page.lines.at(-1)!.position;
      }
      return all.length === (await tenantEventCount(all[0]?.tenant ?? tenant()));
    },
    20_000,
    'feed caught up',
  );
  return all;
}

beforeAll(async () => {
  api = await startTestApi('events_feed');
  withTestPrincipals(api);
  for (let i = 0; i < 4; i += 1) {
    const { id } = (await api.request('POST', '/v1/credentials', { body: openAiCredential(`feed-${i}`) })).json();
    await api.request('POST', `/v1/credentials/${id}/rotate`, { body: { secret: openAiKey(`rotated${i}xyz`) } });
    await api.request('POST', `/v1/credentials/${id}/reveal`);
  }
  await api.request('POST', '/v1/credentials', { body: openAiCredential('elsewhere'), token: TOKENS.otherAdmin });
});
afterAll(() => api.close());

describe('GET /v1/events', () => {
  it('streams NDJSON whose lines carry every stored field, and each hash verifies on the client', async () => {
    await readEverything(10_000);
    const page = await feed('?limit=10000', TOKENS.auditor);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^application\/x-ndjson/);
    expect(page.lines.length).toBeGreaterThan(0);
    for (const line of page.lines) {
      expect(Object.keys(line).sort()).toEqual([
        'data',
        'eventId',
        'hash',
        'metadata',
        'position',
        'prevHash',
        'recordedAt',
        'streamId',
        'streamType',
        'streamVersion',
        'tenant',
        'transactionId',
        'type',
      ]);
      const prev = line.prevHash === null ? null : Buffer.from(line.prevHash, 'hex');
      expect(eventHash(prev, { ...line, globalPosition: line.position }).toString('hex')).toBe(line.hash);
    }
    const rotated = page.lines.find((l) => l.type === 'SecretRotated')!;
    expect(rotated.data.secret.ciphertext).toMatch(/^kl1\./);
    expect(page.lines.map((l) => l.type)).toContain('SecretRevealed');
  });

  it('pages through every event exactly once, in the same stable order as one big page', async () => {
    const whole = await readEverything(10_000);
    const paged = await readEverything(3);
    expect(paged.map((l) => l.eventId)).toEqual(whole.map((l) => l.eventId));
    expect(new Set(paged.map((l) => l.eventId)).size).toBe(paged.length);
    const order = paged.map((l) => [BigInt(l.transactionId), l.position] as const);
    const sorted = [...order].sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
    expect(order).toEqual(sorted);
  });

  it("serves only the principal's tenant", async () => {
    const mine = await readEverything(10_000);
    const theirs = await readEverything(10_000, TOKENS.otherAdmin);
    expect(mine.every((l) => l.tenant === tenant())).toBe(true);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((l) => l.tenant === 'other-tenant')).toBe(true);
    const reply = await feed(`?after=${theirs[0]!.position}`);
    expect(reply.status).toBe(400);
  });

  it('never skips an event that commits after a later one was served', async () => {
    const before = await readEverything(10_000);
    const appended = deferred();
    const release = deferred();
    const slow = api.orm.em.fork().transactional(async (tx) => {
      await appendUnversioned(
        tx,
        accessStreamId('slow'),
        { type: 'SecretRevealed', data: { n: 'slow' } },
        { streamType: ACCESS_STREAM_TYPE, tenant: tenant() },
      );
      appended.resolve();
      await release.promise;
    });
    await appended.promise;
    await appendUnversioned(
      api.orm.em.fork(),
      accessStreamId('fast'),
      { type: 'SecretRevealed', data: { n: 'fast' } },
      { streamType: ACCESS_STREAM_TYPE, tenant: tenant() },
    );
    const last = before.at(-1)!.position;
    expect((await feed(`?after=${last}`)).lines).toEqual([]);
    release.resolve();
    await slow;
    let lines: Line[] = [];
    await eventually(async () => (lines = (await feed(`?after=${last}`)).lines).length === 2, 20_000, 'both commits visible');
    expect(lines.map((l) => l.data.n)).toEqual(['slow', 'fast']);
  });

  it('streams a response larger than one database page, and a page limit that ends mid-page resumes exactly', async () => {
    const bulk = { streamType: ACCESS_STREAM_TYPE, tenant: 'other-tenant' };
    // Separate short transactions, a few at a time: one long one would hold back every consumer in the cluster.
    for (let i = 0; i < 1200; i += 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, j) =>
          appendUnversioned(api.orm.em.fork(), accessStreamId(`bulk-${j}`), { type: 'SecretRevealed', data: { i: i + j } }, bulk),
        ),
      );
    }
    const whole = await readEverything(10_000, TOKENS.otherAdmin);
    expect(whole.length).toBeGreaterThan(1200);
    const paged = await readEverything(700, TOKENS.otherAdmin);
    expect(paged.map((l) => l.eventId)).toEqual(whole.map((l) => l.eventId));
  });

  it.each(['?after=-1', '?after=abc', '?after=1.5', '?limit=0', '?limit=10001', '?limit=x', '?after=999999999'])(
    'answers 400 to %s',
    async (query) => {
      const reply = await api.request('GET', `/v1/events${query}`);
      expect(reply.statusCode).toBe(400);
      expect(reply.json().details[0].field).toMatch(/after|limit/);
    },
  );

  it.each([
    ['operator', TOKENS.operator],
    ['service', TOKENS.service],
  ])('refuses the %s role', async (_, token) => {
    expect((await feed('', token)).status).toBe(403);
    expect((await api.request('GET', '/v1/events/verify', { token })).statusCode).toBe(403);
  });
});
