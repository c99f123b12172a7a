import { Controller, Delete, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory, replyStatus } from '../../../http/command-context.js';
import { TokenResponse } from '../../principal.response.js';
import { RevokeTokenCommand } from './revoke-token.command.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('tokens')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/tokens')
export class RevokeTokenController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a token: it stops working at once on this API process, within KEYLEDGER_TOKEN_CACHE_SECONDS on others' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: TokenResponse })
  async revoke(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ): Promise<TokenResponse> {
    const context = this.contexts.from(request);
    return replyStatus(reply, await this.commandBus.execute(new RevokeTokenCommand(context, id)));
  }
}
