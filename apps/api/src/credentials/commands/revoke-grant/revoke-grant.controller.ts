import { Controller, Delete, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory } from '../../../http/command-context.js';
import { GrantChangeResponse, replyWithGrant } from '../../grant.response.js';
import { RevokeGrantCommand } from './revoke-grant.command.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('grants')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/credentials')
export class RevokeGrantController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Delete(':id/grants/:grantId')
  @CredentialRoute('grant')
  @ApiOperation({ summary: 'Revoke a grant: the grantee loses access at once (a credential it may no longer see answers 404)' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: GrantChangeResponse, description: 'the revoked grant' })
  async revoke(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Param('grantId', IdPipe) grantId: string,
  ): Promise<GrantChangeResponse> {
    const context = this.contexts.from(request);
    return replyWithGrant(reply, await this.commandBus.execute(new RevokeGrantCommand(context, id, grantId)));
  }
}
