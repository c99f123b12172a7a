import type pg from 'pg';
import { ensureDatabase, migrate, migrationsList, openOrm } from '#database';
import { EnvKeyProvider } from '#crypto';
import { appendToStream, catchUpSeals } from '#event-store';
import { eventually } from '../support/async.js';
import { catchUpUntil } from '../support/projections.js';
import { connectRaw, createTestDatabase, testDatabaseName, testDatabaseUrl, type TestDatabase } from '../support/database.js';

const SUITE = 'es_schema';
let db: TestDatabase;
let raw: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase(SUITE);
  raw = await connectRaw(testDatabaseName(SUITE));
  await db.orm.em.fork().transactional((tx) =>
    appendToStream(tx, 'schema-1', [{ type: 'Created', data: { n: 1 } }], {
      streamType: 't',
      tenant: 'acme',
      expectedVersion: 'no_stream',
    }),
  );
  const keys = new EnvKeyProvider([{ id: 'k1', key: Buffer.alloc(32, 1) }]);
  await catchUpUntil(
    () => db.orm.em.fork(),
    (em) => catchUpSeals(em, keys),
    'kl_event_seals',
    1,
  );
});

afterAll(async () => {
  await raw.end();
  await db.close();
});

async function pgError(sql: string): Promise<{ code?: string; message: string } | undefined> {
  try {
    await raw.query(sql);
    return undefined;
  } catch (error) {
    return error as { code?: string; message: string };
  }
}

describe('migrations', () => {
  it('create every table of the contract and are not applied twice', async () => {
    const tables: { table_name: string }[] = await db.orm.em
      .fork()
      .execute(`select table_name from information_schema.tables where table_schema = 'public' and table_name like 'kl\\_%' order by 1`);
    expect(tables.map((t) => t.table_name)).toEqual([
      'kl_audit_trail',
      'kl_credential_grants',
      'kl_credential_usage',
      'kl_credentials',
      'kl_data_keys',
      'kl_event_seals',
      'kl_events',
      'kl_host_purpose_reservations',
      'kl_idempotency',
      'kl_key_rotation_items',
      'kl_key_rotations',
      'kl_migrations',
      'kl_name_reservations',
      'kl_principals',
      'kl_projection_checkpoints',
      'kl_streams',
      'kl_tokens',
      'kl_webhook_deliveries',
      'kl_webhook_secrets',
      'kl_webhooks',
    ]);
    expect(await migrate(db.orm)).toEqual([]);
  });

  it('give kl_events the columns and types the other modules query', async () => {
    const { rows } = await raw.query(
      `select column_name, data_type, is_nullable from information_schema.columns where table_name = 'kl_events' order by ordinal_position`,
    );
    expect(rows.map((r) => `${r.column_name}:${r.data_type}:${r.is_nullable}`)).toEqual([
      'global_position:bigint:NO',
      'transaction_id:xid8:NO',
      'event_id:uuid:NO',
      'stream_id:text:NO',
      'stream_type:text:NO',
      'stream_version:bigint:YES',
      'tenant:text:NO',
      'type:text:NO',
      'data:jsonb:NO',
      'metadata:jsonb:NO',
      'recorded_at:timestamp with time zone:NO',
      'prev_hash:bytea:YES',
      'hash:bytea:NO',
    ]);
  });

  it('keep name uniqueness in kl_name_reservations, not in the replayable read model', async () => {
    const insert = `insert into kl_credentials (id, tenant, name, name_key, type, status, version, secret_version, created_at,
      updated_at, created_by, updated_by) values (gen_random_uuid(), 'acme', 'db', 'db', 'db_dsn', 'active', 1, 1, now(), now(), 'u', 'u')`;
    // A replay in log order may briefly see a renamed credential's old name on a second row.
    await raw.query(insert);
    await raw.query(insert);
    const reserve = `insert into kl_name_reservations (tenant, name, stream_id) values ('acme', 'db', $1)`;
    await raw.query(reserve, ['credential-1']);
    expect((await pgError(reserve.replace('$1', "'credential-2'")))?.code).toBe('23505');
  });
});

describe('kl_events is append-only', () => {
  it.each([
    ['UPDATE', `update kl_events set type = 'Forged'`],
    ['DELETE', 'delete from kl_events'],
    ['TRUNCATE', 'truncate kl_events'],
  ])('%s is refused with SQLSTATE KL001', async (_, sql) => {
    const error = await pgError(sql);
    expect(error?.code).toBe('KL001');
    expect(error?.message).toBe('kl_events is append-only');
    const { rows } = await raw.query(`select count(*)::int as n, min(type) as type from kl_events`);
    expect(rows[0]).toEqual({ n: 1, type: 'Created' });
  });

  it.each([
    ['UPDATE', `update kl_event_seals set kek_id = 'forged'`],
    ['DELETE', 'delete from kl_event_seals'],
    ['TRUNCATE', 'truncate kl_event_seals'],
  ])('and so is kl_event_seals: %s is refused with SQLSTATE KL001', async (_, sql) => {
    const error = await pgError(sql);
    expect(error?.code).toBe('KL001');
    expect(error?.message).toBe('kl_event_seals is append-only');
  });

  it('protects nothing else: stream rows can still be updated', async () => {
    const result = await raw.query(`update kl_streams set updated_at = now() where stream_id = 'schema-1'`);
    expect(result.rowCount).toBe(1);
  });
});

describe('ensureDatabase', () => {
  it('creates a missing database once and then leaves it alone', async () => {
    const name = testDatabaseName(`${SUITE}_ensure`);
    await raw.query(`drop database if exists ${name} with (force)`);
    await Promise.all([ensureDatabase(testDatabaseUrl(name)), ensureDatabase(testDatabaseUrl(name))]);
    await ensureDatabase(testDatabaseUrl(name));
    const orm = await openOrm(testDatabaseUrl(name));
    try {
      expect(await migrate(orm)).toEqual(migrationsList.map((m) => m.name));
    } finally {
      await orm.close(true);
      await raw.query(`drop database ${name} with (force)`);
    }
  });
});

describe('migration 0011_log_notify', () => {
  it('keeps one index on (stream_id, stream_version): the unique one', async () => {
    const { rows } = await raw.query(
      `select indexname from pg_indexes where tablename = 'kl_events' and indexdef like '%(stream_id, stream_version)%' order by 1`,
    );
    expect(rows.map((r) => r.indexname)).toEqual(['kl_events_stream_id_stream_version_key']);
  });

  it('notifies kl_events once per appending transaction, when it commits, and never for a rollback', async () => {
    const listener = await connectRaw(testDatabaseName(SUITE));
    const received: string[] = [];
    listener.on('notification', (message) => received.push(`${message.channel}:${message.payload ?? ''}`));
    try {
      await listener.query('listen kl_events');
      const append = (tx: Parameters<typeof appendToStream>[0], n: number) =>
        appendToStream(
          tx,
          `notify-${n}`,
          [
            { type: 'Created', data: { n } },
            { type: 'Changed', data: { n } },
          ],
          {
            streamType: 't',
            tenant: 'acme',
            expectedVersion: 'no_stream',
          },
        );
      await db.orm.em
        .fork()
        .transactional(async (tx) => {
          await append(tx, 1);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await db.orm.em.fork().transactional(async (tx) => {
        await append(tx, 2);
        await append(tx, 3);
        // Delivery waits for the commit: nothing has arrived while the transaction is open.
        await listener.query('select 1');
        expect(received).toEqual([]);
      });
      await eventually(async () => received.length > 0, 10_000, 'the notification of the commit');
      await listener.query('select 1');
      expect(received).toEqual(['kl_events:']);
    } finally {
      await listener.end();
    }
  });
});
