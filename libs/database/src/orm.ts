import { defineConfig, MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { migrationsList } from './migrations/index.js';

export interface OrmOpenOptions {
  /** Log every query (MikroORM `debug`). */
  debug?: boolean;
  /** Upper bound of the pg pool. */
  poolMax?: number;
}

// The schema is owned by migrations, never by schema sync: there are no
// entities, so discovery must accept an empty set, and the migrator must not
// write a schema snapshot file next to compiled code.
export function createOrmOptions(databaseUrl: string, opts: OrmOpenOptions = {}): Options {
  return defineConfig({
    clientUrl: databaseUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList,
      tableName: 'kl_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    debug: opts.debug ?? false,
    ...(opts.poolMax === undefined ? {} : { pool: { max: opts.poolMax } }),
  });
}

export async function openOrm(databaseUrl: string, opts?: OrmOpenOptions): Promise<MikroORM> {
  return MikroORM.init(createOrmOptions(databaseUrl, opts));
}

/** Applies pending migrations in one transaction; returns the names applied. */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
