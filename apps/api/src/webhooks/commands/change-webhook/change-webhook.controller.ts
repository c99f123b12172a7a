import { Body, Controller, Param, ParseUUIDPipe, Patch, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { etagOf, parseIfMatch } from '../../../http/etag.js';
import { WebhookResponse } from '../../webhook.response.js';
import { ChangeWebhookCommand, type WebhookSettingsChange } from './change-webhook.command.js';
import { ChangeWebhookDto } from './change-webhook.dto.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class ChangeWebhookController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: WebhookResponse })
  async change(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ChangeWebhookDto,
  ): Promise<WebhookResponse> {
    const changes = settingsChangeOf(body);
    const ifMatch = parseIfMatch(req.headers['if-match']);
    const webhook = await this.commandBus.execute(new ChangeWebhookCommand(req.principal!, id, changes, ifMatch));
    void reply.header('etag', etagOf(webhook.version));
    return webhook;
  }
}

function settingsChangeOf({ url, events, active, description }: ChangeWebhookDto): WebhookSettingsChange {
  const given = { url, events, active, description };
  return Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
}
