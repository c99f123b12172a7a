import { Body, Controller, Param, Patch, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory, replyStatus } from '../../../http/command-context.js';
import { etagOf } from '../../../http/etag.js';
import { WebhookResponse } from '../../webhook.response.js';
import { ChangeWebhookCommand, type WebhookSettingsChange } from './change-webhook.command.js';
import { ChangeWebhookDto } from './change-webhook.dto.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class ChangeWebhookController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Change a webhook subscription' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: WebhookResponse })
  async change(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Body() body: ChangeWebhookDto,
  ): Promise<WebhookResponse> {
    const context = this.contexts.from(request, request.body);
    const result = await this.commandBus.execute(new ChangeWebhookCommand(context, id, settingsChangeOf(body)));
    void reply.header('etag', etagOf(result.body.version));
    return replyStatus(reply, result);
  }
}

function settingsChangeOf({ url, events, active, description }: ChangeWebhookDto): WebhookSettingsChange {
  const given = { url, events, active, description };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}
