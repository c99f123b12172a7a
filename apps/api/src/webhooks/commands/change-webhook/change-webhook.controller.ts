import { Body, Controller, Param, ParseUUIDPipe, Patch, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { etagOf, parseIfMatch } from '../../../http/etag.js';
import { WebhookResponse } from '../../webhook.response.js';
import { ChangeWebhookCommand } from './change-webhook.command.js';
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
    const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
    const ifMatch = parseIfMatch(req.headers['if-match']);
    const webhook = await this.commandBus.execute(new ChangeWebhookCommand(req.principal!, id, changes, ifMatch));
    void reply.header('etag', etagOf(webhook.version));
    return webhook;
  }
}
