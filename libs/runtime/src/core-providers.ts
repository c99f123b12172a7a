import type { Provider } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import type { KeyledgerConfig } from '#config';
import { EnvKeyProvider } from '#crypto';
import { openOrm } from '#database';
import { Vault } from '#secrets';
import { CONFIG, KEY_PROVIDER, ORM, REDIS } from './tokens.js';

/**
 * The config, one ORM pool, the keyring, the vault over the key table and a
 * Redis connection (not connected yet: each process decides when). Redis
 * commands fail fast instead of queueing while it is down.
 */
export function coreProviders(config: KeyledgerConfig): Provider[] {
  return [
    { provide: CONFIG, useValue: config },
    { provide: ORM, useFactory: () => openOrm(config.databaseUrl) },
    { provide: KEY_PROVIDER, useFactory: () => new EnvKeyProvider(config.masterKeys) },
    { provide: Vault, useFactory: (keys: EnvKeyProvider) => new Vault(keys), inject: [KEY_PROVIDER] },
    {
      provide: REDIS,
      useFactory: () => new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }),
    },
  ];
}

export const CORE_EXPORTS = [CONFIG, ORM, KEY_PROVIDER, Vault, REDIS];

/** Releases what coreProviders opened: at shutdown, after everything that uses them has stopped. */
export async function closeCore(orm: MikroORM, redis: Redis): Promise<void> {
  redis.disconnect();
  await orm.close();
}
