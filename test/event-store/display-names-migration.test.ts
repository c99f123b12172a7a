import type { MikroORM } from '@mikro-orm/postgresql';
import { dropDatabase, ensureDatabase, migrate, openOrm } from '#database';
import { releaseName, reserveName } from '#credential-store';
import { KeyledgerError } from '#domain';
import { testDatabaseName, testDatabaseUrl } from '../support/database.js';

// Upgrading a database whose names were reserved as written.
const url = testDatabaseUrl(testDatabaseName('es_display_names_migration'));
let orm: MikroORM;

const OLDER = '00000000-0000-4000-8000-000000000001';
const YOUNGER = '00000000-0000-4000-8000-000000000002';
const OTHER = '00000000-0000-4000-8000-000000000003';
const ELSEWHERE = '00000000-0000-4000-8000-000000000004';
const NEWCOMER = '00000000-0000-4000-8000-000000000005';

// A credential of the previous schema, with the reservation its write made.
async function legacyCredential(id: string, tenant: string, name: string, createdAt: string): Promise<void> {
  const em = orm.em.fork();
  await em.execute(
    `insert into kl_credentials (id, tenant, name, type, status, version, secret_version, created_at, updated_at, created_by, updated_by)
     values (?, ?, ?, 'custom', 'active', 1, 1, ?, ?, 'user:admin', 'user:admin')`,
    [id, tenant, name, createdAt, createdAt],
  );
  await em.execute(`insert into kl_name_reservations (tenant, name, stream_id) values (?, ?, ?)`, [tenant, name, `credential-${id}`]);
}

const reservations = () =>
  orm.em
    .fork()
    .execute<Array<{ tenant: string; name: string; stream_id: string }>>(
      'select tenant, name, stream_id from kl_name_reservations order by tenant, name',
    );

beforeAll(async () => {
  await dropDatabase(url);
  await ensureDatabase(url);
  orm = await openOrm(url);
  await orm.migrator.up({ to: '0008_notifications' });
  // The younger one is listed first: the rule goes by creation, not by row order.
  await legacyCredential(YOUNGER, 'acme', 'prod-db', '2026-02-01T00:00:00Z');
  await legacyCredential(OLDER, 'acme', 'Prod-DB', '2026-01-01T00:00:00Z');
  await legacyCredential(OTHER, 'acme', 'Billing.API', '2026-01-15T00:00:00Z');
  await legacyCredential(ELSEWHERE, 'other', 'PROD-DB', '2026-03-01T00:00:00Z');
  expect((await orm.migrator.up({ to: '0009_display_names' })).map((m) => m.name)).toEqual(['0009_display_names']);
  await migrate(orm);
});

afterAll(async () => {
  await orm.close(true);
  await dropDatabase(url);
});

describe('migration 0009_display_names', () => {
  it('re-keys reservations on the case-folded name; of two names equal ignoring case, the older credential keeps it', async () => {
    expect(await reservations()).toEqual([
      { tenant: 'acme', name: 'billing.api', stream_id: `credential-${OTHER}` },
      { tenant: 'acme', name: 'prod-db', stream_id: `credential-${OLDER}` },
      { tenant: 'other', name: 'prod-db', stream_id: `credential-${ELSEWHERE}` },
    ]);
  });

  it('keeps every name as written and fills the folded key of the read model', async () => {
    const rows = await orm.em
      .fork()
      .execute<Array<{ name: string; name_key: string }>>('select name, name_key from kl_credentials order by created_at');
    expect(rows).toEqual([
      { name: 'Prod-DB', name_key: 'prod-db' },
      { name: 'Billing.API', name_key: 'billing.api' },
      { name: 'prod-db', name_key: 'prod-db' },
      { name: 'PROD-DB', name_key: 'prod-db' },
    ]);
  });

  it('leaves reservations the application reserves and releases by folded name', async () => {
    const em = orm.em.fork();
    const error = await em.transactional((tx) => reserveName(tx, 'acme', 'PROD-db', `credential-${NEWCOMER}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeyledgerError);
    expect(error).toMatchObject({
      code: 'DUPLICATE_NAME',
      message: 'a credential named "Prod-DB" already exists',
      details: { credentialId: OLDER },
    });
    // The younger credential takes a reservation when it is renamed.
    await em.fork().transactional(async (tx) => {
      await releaseName(tx, 'acme', 'prod-db', `credential-${YOUNGER}`);
      await reserveName(tx, 'acme', 'Prod DB (replica)', `credential-${YOUNGER}`);
    });
    await em.fork().transactional((tx) => releaseName(tx, 'acme', 'billing.API', `credential-${OTHER}`));
    expect(await reservations()).toEqual([
      { tenant: 'acme', name: 'prod db (replica)', stream_id: `credential-${YOUNGER}` },
      { tenant: 'acme', name: 'prod-db', stream_id: `credential-${OLDER}` },
      { tenant: 'other', name: 'prod-db', stream_id: `credential-${ELSEWHERE}` },
    ]);
  });
});
