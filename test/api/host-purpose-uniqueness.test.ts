import { migrationsList, openOrm, ensureDatabase, dropDatabase } from '#database';
import { openAiCredential, startTestApi, type TestApi } from '../support/api.js';
import { testDatabaseName, testDatabaseUrl } from '../support/database.js';

// (host, purpose) is unique per tenant among active credentials, through a
// reservation committed with the events that take or free the pair.
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi('host_purpose_unique');
});
afterAll(() => api.close());

const body = (name: string, host: string | null, purpose: string | null) => ({ ...openAiCredential(name), host, purpose });
const create = (name: string, host: string | null, purpose: string | null) =>
  api.request('POST', '/v1/credentials', { body: body(name, host, purpose) });
const created = async (name: string, host: string | null, purpose: string | null): Promise<string> => {
  const reply = await create(name, host, purpose);
  expect(reply.statusCode).toBe(201);
  return reply.json().id;
};

const expectDuplicateOf = (reply: { statusCode: number; json(): any }, existingId: string, host: string, purpose: string) => {
  expect(reply.statusCode).toBe(409);
  expect(reply.json()).toMatchObject({
    code: 'DUPLICATE_HOST_PURPOSE',
    details: { host, purpose, credentialId: existingId },
  });
  expect(reply.json().message).toContain(existingId);
};

describe('(host, purpose) among active credentials', () => {
  it('answers 409 naming the existing credential to a create that repeats an active pair', async () => {
    const first = await created('pair-first', 'db1.internal', 'billing');
    expectDuplicateOf(await create('pair-second', 'db1.internal', 'billing'), first, 'db1.internal', 'billing');
    const listed = (await api.request('GET', '/v1/credentials?host=db1.internal')).json();
    expect(listed.credentials.map((c: { id: string }) => c.id)).toEqual([first]);
    await created('pair-other-purpose', 'db1.internal', 'reports');
    await created('pair-other-host', 'db2.internal', 'billing');
  });

  it('does not constrain credentials without a host or without a purpose', async () => {
    await created('no-host-a', null, 'billing');
    await created('no-host-b', null, 'billing');
    await created('no-purpose-a', 'db9.internal', null);
    await created('no-purpose-b', 'db9.internal', null);
  });

  it('frees the pair on deactivate and destroy, and refuses a restore while another holds it', async () => {
    const old = await created('pair-old', 'db3.internal', 'billing');
    await api.request('DELETE', `/v1/credentials/${old}`);
    const successor = await created('pair-successor', 'db3.internal', 'billing');
    expectDuplicateOf(await api.request('POST', `/v1/credentials/${old}/restore`), successor, 'db3.internal', 'billing');

    await api.request('DELETE', `/v1/credentials/${successor}`);
    expect((await api.request('POST', `/v1/credentials/${successor}/destroy`)).statusCode).toBe(200);
    expect((await api.request('POST', `/v1/credentials/${old}/restore`)).json().status).toBe('active');
  });

  it('answers 409 to an update that moves a credential onto a held pair, and frees the pair it leaves', async () => {
    const holder = await created('pair-holder', 'db4.internal', 'billing');
    const mover = await created('pair-mover', 'db5.internal', 'billing');
    expectDuplicateOf(
      await api.request('PATCH', `/v1/credentials/${mover}`, { body: { host: 'db4.internal' } }),
      holder,
      'db4.internal',
      'billing',
    );
    expectDuplicateOf(
      await api.request('PUT', `/v1/credentials/${mover}`, { body: { host: 'db4.internal', purpose: 'billing' } }),
      holder,
      'db4.internal',
      'billing',
    );
    const moved = await api.request('PATCH', `/v1/credentials/${mover}`, { body: { purpose: 'reports' } });
    expect(moved.statusCode).toBe(200);
    await created('pair-after-move', 'db5.internal', 'billing');
  });

  it('lets exactly one of many concurrent creates of one pair win', async () => {
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => create(`pair-race-${i}`, 'db6.internal', 'billing')));
    const winners = replies.filter((r) => r.statusCode === 201);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.json().id;
    for (const reply of replies.filter((r) => r.statusCode !== 201)) expectDuplicateOf(reply, winner, 'db6.internal', 'billing');
    const listed = (await api.request('GET', '/v1/credentials?host=db6.internal')).json();
    expect(listed.credentials.map((c: { id: string }) => c.id)).toEqual([winner]);
  });

  it('keeps tenants apart', async () => {
    await created('pair-tenant', 'db7.internal', 'billing');
    const rows = await api.orm.em
      .fork()
      .execute(`select tenant, host, purpose from kl_host_purpose_reservations where host = 'db7.internal'`);
    expect(rows).toEqual([{ tenant: 'default', host: 'db7.internal', purpose: 'billing' }]);
  });
});

describe('the migration that introduces the rule', () => {
  const url = testDatabaseUrl(testDatabaseName('host_purpose_migration'));
  const before = migrationsList.findIndex((m) => m.name === '0010_host_purpose_reservations') - 1;

  // Columns of kl_credentials that have no default.
  const row = (id: string, host: string | null, purpose: string | null, status: string, updatedAt: string, tenant = 'acme') => [
    id,
    tenant,
    `name-${id.slice(-4)}`,
    `name-${id.slice(-4)}`,
    host,
    purpose,
    status,
    updatedAt,
  ];
  const INSERT = `insert into kl_credentials (id, tenant, name, name_key, type, host, purpose, status, version, secret_version,
    created_at, updated_at, created_by, updated_by)
    values (?, ?, ?, ?, 'custom', ?, ?, ?, 1, 1, '2026-01-01T00:00:00Z', ?, 'admin', 'admin')`;
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

  it('reserves the pairs of existing active credentials, the most recently updated keeping a shared pair', async () => {
    await dropDatabase(url);
    await ensureDatabase(url);
    const orm = await openOrm(url);
    try {
      await orm.migrator.up({ to: migrationsList[before]!.name });
      const em = orm.em.fork();
      for (const values of [
        row(id(1), 'db.internal', 'billing', 'active', '2026-02-01T00:00:00Z'),
        row(id(2), 'db.internal', 'billing', 'active', '2026-03-01T00:00:00Z'),
        row(id(3), 'db.internal', 'billing', 'inactive', '2026-04-01T00:00:00Z'),
        row(id(4), 'db.internal', 'reports', 'active', '2026-02-01T00:00:00Z'),
        row(id(5), null, 'billing', 'active', '2026-02-01T00:00:00Z'),
        row(id(6), 'db.internal', 'billing', 'active', '2026-01-01T00:00:00Z', 'globex'),
      ]) {
        await em.execute(INSERT, values, 'run');
      }
      expect((await orm.migrator.up({ to: '0010_host_purpose_reservations' })).map((m) => m.name)).toEqual([
        '0010_host_purpose_reservations',
      ]);
      const rows = await em.execute(
        'select tenant, host, purpose, stream_id from kl_host_purpose_reservations order by tenant, host, purpose',
      );
      expect(rows).toEqual([
        { tenant: 'acme', host: 'db.internal', purpose: 'billing', stream_id: `credential-${id(2)}` },
        { tenant: 'acme', host: 'db.internal', purpose: 'reports', stream_id: `credential-${id(4)}` },
        { tenant: 'globex', host: 'db.internal', purpose: 'billing', stream_id: `credential-${id(6)}` },
      ]);
    } finally {
      await orm.close(true);
      await dropDatabase(url);
    }
  });
});
