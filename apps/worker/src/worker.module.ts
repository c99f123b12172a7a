import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { LoggerModule } from 'nestjs-pino';
import type { KeyledgerConfig } from '#config';
import { loggerOptions } from '#logging';
import { openOrm } from '#database';
import { ProjectionsModule } from './projections/projections.module.js';

const ORM = Symbol('MikroORM');
const REDIS = Symbol('Redis');

/**
 * The worker's application context: one ORM pool and one Redis connection,
 * both proven at boot. Job processors register here.
 */
@Module({})
export class WorkerModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');

  static forConfig(config: KeyledgerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: loggerOptions(config.logLevel, 'keyledger-worker') }), ProjectionsModule.forConfig(config)],
      providers: [
        { provide: ORM, useFactory: () => openOrm(config.databaseUrl) },
        { provide: REDIS, useFactory: () => new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: null }) },
      ],
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

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.orm.close();
  }
}
