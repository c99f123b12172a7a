import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import type { KeyledgerConfig } from '#config';
import { EnvKeyProvider } from '#crypto';
import { openOrm } from '#database';
import { Vault } from '#secrets';
import { CONFIG, KEY_PROVIDER, ORM, REDIS } from './tokens.js';

/**
 * Process-wide resources built from the validated config: the ORM (one pool),
 * the keyring, the vault over the key table and the Redis connection.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  static forConfig(config: KeyledgerConfig) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: ORM, useFactory: () => openOrm(config.databaseUrl) },
        { provide: KEY_PROVIDER, useFactory: () => new EnvKeyProvider(config.masterKeys) },
        { provide: Vault, useFactory: (keys: EnvKeyProvider) => new Vault(keys), inject: [KEY_PROVIDER] },
        {
          provide: REDIS,
          useFactory: () =>
            new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }),
        },
      ],
      exports: [CONFIG, ORM, KEY_PROVIDER, Vault, REDIS],
    };
  }

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.orm.close();
  }
}
