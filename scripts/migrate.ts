import { loadConfig } from '#config';
import { ensureDatabase, migrate, openOrm } from '#database';
import { exitWithOneLine } from '#runtime';
import { assertKeyringUnwrapsDatabase } from '#secrets';

/**
 * Creates the database if needed, checks the keyring against the stored data
 * keys (before anything is written), then applies pending migrations.
 */
export async function prepareDatabase(env?: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(env);
  await ensureDatabase(config.databaseUrl);
  await assertKeyringUnwrapsDatabase(config);
  const orm = await openOrm(config.databaseUrl, { poolMax: 1 });
  try {
    const applied = await migrate(orm);
    process.stdout.write(`keyledger: ${applied.length} migration(s) applied\n`);
  } finally {
    await orm.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  prepareDatabase().catch(exitWithOneLine('keyledger-migrate'));
}
