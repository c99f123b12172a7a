import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { etagOf } from '../../../http/etag.js';
import { WebhookResponse } from '../../webhook.response.js';
import { WebhookPageQueryDto, WebhookPageResponse } from './list-webhooks.dto.js';
import { GetWebhookQuery, ListWebhooksQuery } from './list-webhooks.query.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class ListWebhooksController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List webhook subscriptions, one page at a time' })
  @ApiOkResponse({ type: WebhookPageResponse })
  list(@CurrentPrincipal() principal: Principal, @Query() page: WebhookPageQueryDto): Promise<WebhookPageResponse> {
    return this.queryBus.execute(new ListWebhooksQuery(principal, page));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook subscription' })
  @ApiOkResponse({ type: WebhookResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ): Promise<WebhookResponse> {
    const webhook = await this.queryBus.execute(new GetWebhookQuery(principal, id));
    void reply.header('etag', etagOf(webhook.version));
    return webhook;
  }
}
