import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory, replyStatus } from '../../../http/command-context.js';
import { TestCredentialCommand } from './test-credential.command.js';
import { TestCredentialResponse } from './test-credential.dto.js';
import { ApiErrors } from '../../../http/openapi.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles('admin', 'operator', 'service')
@Controller('v1/credentials')
export class TestCredentialController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/test')
  @ApiErrors('CREDENTIAL_INACTIVE')
  @CredentialRoute('test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue a health check; the worker records the result on the credential' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: TestCredentialResponse })
  @ApiConflictResponse({ description: 'the credential is deactivated or destroyed' })
  async test(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ): Promise<TestCredentialResponse> {
    return replyStatus(reply, await this.commandBus.execute(new TestCredentialCommand(this.contexts.from(request), id)));
  }
}
