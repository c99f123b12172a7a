import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { DEFAULT_FEED_LIMIT, EventLineResponse, ReadEventsQueryDto } from './read-events.dto.js';
import { ReadEventsQuery } from './read-events.query.js';

@ApiTags('events')
@ApiBearerAuth()
@Roles('admin', 'auditor')
@Controller('v1/events')
export class ReadEventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "The tenant's raw event log in log order, one JSON event per line; page with ?after=<last position>" })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ type: EventLineResponse, description: 'NDJSON: one EventLineResponse per line; an empty body means caught up' })
  async read(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReadEventsQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const stream = await this.queryBus.execute(new ReadEventsQuery(principal, query.after ?? 0, query.limit ?? DEFAULT_FEED_LIMIT));
    void reply.header('cache-control', 'no-store');
    return new StreamableFile(stream, { type: 'application/x-ndjson' });
  }
}
