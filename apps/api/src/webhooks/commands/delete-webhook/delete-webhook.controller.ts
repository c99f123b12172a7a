import { Controller, Delete, HttpCode, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory, replyStatus } from '../../../http/command-context.js';
import { DeleteWebhookCommand } from './delete-webhook.command.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class DeleteWebhookController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook subscription and shred its signing secret' })
  @HttpCode(204)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiNoContentResponse({ description: 'deleted: no more deliveries; the signing secret is shredded' })
  async delete(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ): Promise<null> {
    const context = this.contexts.from(request);
    return replyStatus(reply, await this.commandBus.execute(new DeleteWebhookCommand(context, id)));
  }
}
