import { Global, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KeyledgerConfig } from '#config';
import { LogWakeups } from './log-wakeups.js';

/** One LISTEN connection per worker process, for every consumer loop in it (see LogWakeups). */
@Global()
@Module({})
export class WakeupsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  static forConfig(config: KeyledgerConfig): DynamicModule {
    return {
      module: WakeupsModule,
      providers: [
        {
          provide: LogWakeups,
          useFactory: () => {
            const logger = new Logger('LogWakeups');
            return new LogWakeups(config.databaseUrl, { info: (m) => logger.log(m), warn: (m) => logger.warn(m) });
          },
        },
      ],
      exports: [LogWakeups],
    };
  }

  constructor(private readonly wakeups: LogWakeups) {}

  onApplicationBootstrap(): void {
    this.wakeups.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.wakeups.stop();
  }
}
