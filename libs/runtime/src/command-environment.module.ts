import { Global, Module } from '@nestjs/common';
import { Clock, IdSource, RandomIds, SystemClock } from '#event-store';

/** The clock and id source every command runs with, injected by their class. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: IdSource, useClass: RandomIds },
  ],
  exports: [Clock, IdSource],
})
export class CommandEnvironmentModule {}
