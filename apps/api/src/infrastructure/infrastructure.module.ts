import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { KeyledgerConfig } from '#config';
import { closeCore, CORE_EXPORTS, coreProviders, ORM, REDIS } from '#runtime';

/**
 * Process-wide resources built from the validated config (#runtime):
 * the ORM (one pool), the keyring, the vault over the key table and Redis.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  static forConfig(config: KeyledgerConfig) {
    return { module: InfrastructureModule, providers: coreProviders(config), exports: CORE_EXPORTS };
  }

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  onApplicationShutdown(): Promise<void> {
    return closeCore(this.orm, this.redis);
  }
}
