import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory, replyStatus } from '../../../http/command-context.js';
import { ReplayAcceptedResponse } from './replay-delivery.dto.js';
import { ReplayDeliveryCommand } from './replay-delivery.command.js';
import { ApiErrors } from '../../../http/openapi.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class ReplayDeliveryController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/deliveries/:deliveryId/replay')
  @ApiErrors('INVALID_STATE')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed (or delivered) delivery again, with a fresh set of tries' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: ReplayAcceptedResponse })
  async replay(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('deliveryId', IdPipe) deliveryId: string,
  ): Promise<ReplayAcceptedResponse> {
    const context = this.contexts.from(request);
    return replyStatus(reply, await this.commandBus.execute(new ReplayDeliveryCommand(context, id, deliveryId)));
  }
}
