import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadEventsController } from './queries/read-events/read-events.controller.js';
import { ReadEventsHandler } from './queries/read-events/read-events.handler.js';
import { VerifyLogController } from './queries/verify-log/verify-log.controller.js';
import { VerifyLogHandler } from './queries/verify-log/verify-log.handler.js';

/** The auditors' view of the raw log: the feed and its verification. */
@Module({
  imports: [CqrsModule],
  controllers: [VerifyLogController, ReadEventsController],
  providers: [ReadEventsHandler, VerifyLogHandler],
})
export class EventsModule {}
