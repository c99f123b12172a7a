import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { CommandContextFactory, replyWith } from '../../../http/command-context.js';
import { CredentialResponse } from '../../credential.response.js';
import { RotateSecretCommand } from './rotate-secret.command.js';
import { RotateSecretDto } from './rotate-secret.dto.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { ApiErrors } from '../../../http/openapi.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles('admin', 'operator', 'service')
@Controller('v1/credentials')
export class RotateSecretController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/rotate')
  @ApiErrors('CREDENTIAL_DESTROYED', 'CREDENTIAL_INACTIVE', 'VERSION_CONFLICT')
  @ApiOperation({ summary: 'Replace the secret with a new version; earlier versions stay in the history' })
  @CredentialRoute('rotate')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: CredentialResponse, description: 'secretVersion + 1' })
  async rotate(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Body() body: RotateSecretDto,
  ): Promise<CredentialResponse> {
    const context = this.contexts.from(request, request.body);
    return replyWith(reply, await this.commandBus.execute(new RotateSecretCommand(context, id, body.secret)));
  }
}
