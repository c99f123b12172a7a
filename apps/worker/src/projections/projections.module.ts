import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import { EnvKeyProvider } from '#crypto';
import { openOrm } from '#database';
import { LogWakeups } from '../wakeups/log-wakeups.js';
import { WAKE_DEBOUNCE_MS } from '../wakeups/wakeable-pause.js';
import { projectionConsumers } from './projection-consumers.js';
import { ProjectionRunner } from './projection-runner.js';

const PROJECTION_ORM = Symbol('ProjectionOrm');

// One connection per consumer loop, plus one spare.
const POOL_MAX = 4;

/**
 * Runs the async consumers (seal, audit trail, usage) in the worker, on a
 * pool of their own, woken by the process's LISTEN on the log and polling
 * every KEYLEDGER_PROJECTION_INTERVAL_MS besides.
 */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  static forConfig(config: KeyledgerConfig): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [
        { provide: PROJECTION_ORM, useFactory: () => openOrm(config.databaseUrl, { poolMax: POOL_MAX }) },
        {
          provide: ProjectionRunner,
          inject: [PROJECTION_ORM, LogWakeups],
          useFactory: (orm: MikroORM, wakeups: LogWakeups) => {
            const logger = new Logger('Projections');
            const log = { error: (message: string, context: Record<string, unknown>) => logger.error(context, message) };
            const timing = { intervalMs: config.projectionIntervalMs, debounceMs: WAKE_DEBOUNCE_MS };
            const runner = new ProjectionRunner(orm, projectionConsumers(new EnvKeyProvider(config.masterKeys)), timing, log);
            wakeups.subscribe(() => runner.wake());
            return runner;
          },
        },
      ],
    };
  }

  constructor(
    @Inject(PROJECTION_ORM) private readonly orm: MikroORM,
    private readonly runner: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.orm.close();
  }
}
