import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { CommandContextFactory, replyWith } from '../../../http/command-context.js';
import { CredentialResponse } from '../../credential.response.js';
import { credentialFieldsOf } from '../../credential-fields.js';
import { RegisterCredentialCommand } from './register-credential.command.js';
import { RegisterCredentialDto } from './register-credential.dto.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { ApiErrors } from '../../../http/openapi.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles('admin', 'operator')
@Controller('v1/credentials')
export class RegisterCredentialController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @ApiErrors('DUPLICATE_NAME', 'DUPLICATE_HOST_PURPOSE')
  @ApiOperation({ summary: "Create a credential: checked against its type's template, the secret sealed, recorded as credential.created" })
  @CredentialRoute('create')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CredentialResponse, description: 'the masked credential; ETag carries its version' })
  async register(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: RegisterCredentialDto,
  ): Promise<CredentialResponse> {
    const context = this.contexts.from(request, request.body);
    const result = await this.commandBus.execute(new RegisterCredentialCommand(context, credentialFieldsOf(body)));
    void reply.header('location', `/v1/credentials/${result.body.id}`);
    return replyWith(reply, result);
  }
}
