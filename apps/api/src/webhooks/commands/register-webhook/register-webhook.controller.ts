import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationError } from '#domain';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CreatedWebhookResponse } from '../../webhook.response.js';
import { RegisterWebhookCommand } from './register-webhook.command.js';
import { RegisterWebhookDto } from './register-webhook.dto.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class RegisterWebhookController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Register a webhook for notifications of your tenant; a generated signing secret is shown once' })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  register(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() body: RegisterWebhookDto): Promise<CreatedWebhookResponse> {
    // A replayed response would have to keep the generated secret, which is never stored in the clear.
    if (req.headers['idempotency-key'] !== undefined) {
      throw new ValidationError('Idempotency-Key is not accepted here', [
        { field: 'Idempotency-Key', message: 'a generated secret is shown once, so a registration cannot be replayed; on a failed request, list the webhooks and delete any you did not receive' },
      ]);
    }
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return this.commandBus.execute(new RegisterWebhookCommand(req.principal!, body));
  }
}
