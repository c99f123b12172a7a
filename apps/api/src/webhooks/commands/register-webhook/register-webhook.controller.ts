import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { prepareShownOnceReply } from '../../../http/shown-once.js';
import { CreatedWebhookResponse } from '../../webhook.response.js';
import { RegisterWebhookCommand, type NewWebhook } from './register-webhook.command.js';
import { RegisterWebhookDto } from './register-webhook.dto.js';

const RECOVERY =
  'a generated secret is shown once, so a registration cannot be replayed; on a failed request, list the webhooks and delete any you did not receive';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class RegisterWebhookController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Register a webhook for notifications of your tenant; a generated signing secret is shown once' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  register(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: RegisterWebhookDto,
  ): Promise<CreatedWebhookResponse> {
    prepareShownOnceReply(req, reply, RECOVERY);
    return this.commandBus.execute(new RegisterWebhookCommand(req.principal!, newWebhookOf(body)));
  }
}

function newWebhookOf({ url, events, secret, description }: RegisterWebhookDto): NewWebhook {
  return { url, events, ...(description === undefined ? {} : { description }), ...(secret == null ? {} : { secret }) };
}
