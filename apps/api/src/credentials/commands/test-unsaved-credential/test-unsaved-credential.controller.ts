import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { credentialFieldsOf } from '../../credential-fields.js';
import { RegisterCredentialDto } from '../register-credential/register-credential.dto.js';
import { TestUnsavedCredentialCommand } from './test-unsaved-credential.command.js';
import { UnsavedTestResponse } from './test-unsaved-credential.dto.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles('admin', 'operator')
@Controller('v1/credentials')
export class TestUnsavedCredentialController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('test')
  @CredentialRoute('test_unsaved')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a credential before saving it: the body of a create, validated as a create, checked at once; nothing is stored',
  })
  @ApiOkResponse({ type: UnsavedTestResponse, description: 'the outcome; a failing check is ok: false with a secret-free message' })
  @ApiBadRequestResponse({ description: 'the body is not valid for its template (every failing field in details)' })
  async test(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: RegisterCredentialDto,
  ): Promise<UnsavedTestResponse> {
    void reply.header('cache-control', 'no-store');
    const client = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
    return this.commandBus.execute(new TestUnsavedCredentialCommand(request.principal!, credentialFieldsOf(body), client));
  }
}
