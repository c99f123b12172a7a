import {
  Global,
  Inject,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Redis } from 'ioredis';
import type { KeyledgerConfig } from '#config';
import { closeCore, CORE_EXPORTS, coreProviders, ORM, REDIS } from '#runtime';

/**
 * The worker's process-wide resources, built from the validated config: one
 * ORM pool, the keyring, the vault over the key table and a Redis connection, the last two
 * proven at boot. Closed after every processor has stopped (processors close
 * in beforeApplicationShutdown, this in onApplicationShutdown).
 */
@Global()
@Module({})
export class WorkerInfrastructureModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  static forConfig(config: KeyledgerConfig): DynamicModule {
    return {
      module: WorkerInfrastructureModule,
      providers: coreProviders(config),
      exports: CORE_EXPORTS,
    };
  }

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.orm.em.fork().execute('select 1');
    await this.redis.connect();
    await this.redis.ping();
    this.logger.log('connected to Postgres and Redis');
  }

  onApplicationShutdown(): Promise<void> {
    return closeCore(this.orm, this.redis);
  }
}
