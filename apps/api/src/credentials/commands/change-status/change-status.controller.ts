import { Controller, Delete, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { CommandContextFactory, replyWith } from '../../../http/command-context.js';
import { CredentialResponse } from '../../credential.response.js';
import { ChangeStatusCommand, type StatusTransition } from './change-status.command.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { ApiErrors } from '../../../http/openapi.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('credentials')
@ApiBearerAuth()
@ApiHeader({ name: 'If-Match', required: false })
@ApiHeader({ name: 'Idempotency-Key', required: false })
@Roles('admin', 'operator', 'service')
@Controller('v1/credentials')
export class ChangeStatusController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Delete(':id')
  @ApiErrors('CREDENTIAL_DESTROYED', 'INVALID_STATE')
  @CredentialRoute('deactivate')
  @ApiOperation({ summary: 'Deactivate (soft delete, restorable)' })
  @ApiOkResponse({ type: CredentialResponse })
  deactivate(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id', IdPipe) id: string) {
    return this.transition(req, reply, id, 'DeactivateCredential');
  }

  @Post(':id/restore')
  @ApiErrors('CREDENTIAL_DESTROYED', 'INVALID_STATE')
  @CredentialRoute('restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated credential' })
  @ApiOkResponse({ type: CredentialResponse })
  restore(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id', IdPipe) id: string) {
    return this.transition(req, reply, id, 'RestoreCredential');
  }

  @Post(':id/destroy')
  @ApiErrors('INVALID_STATE')
  @CredentialRoute('destroy')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Crypto-shred: delete the data keys; irreversible. The events stay, unreadable.' })
  @ApiOkResponse({ type: CredentialResponse })
  destroy(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id', IdPipe) id: string) {
    return this.transition(req, reply, id, 'DestroyCredential');
  }

  private async transition(
    req: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    transition: StatusTransition,
  ): Promise<CredentialResponse> {
    const context = this.contexts.from(req);
    return replyWith(reply, await this.commandBus.execute(new ChangeStatusCommand(context, id, transition)));
  }
}
