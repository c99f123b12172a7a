import { Body, Controller, Param, Patch, Put, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { CommandContextFactory, replyWith } from '../../../http/command-context.js';
import { CredentialResponse } from '../../credential.response.js';
import { credentialFieldsOf } from '../../credential-fields.js';
import { UpdateCredentialCommand, type UpdateMode } from './update-credential.command.js';
import { UpdateCredentialDto } from './update-credential.dto.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { ApiErrors } from '../../../http/openapi.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles('admin', 'operator', 'service')
@Controller('v1/credentials')
export class UpdateCredentialController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Patch(':id')
  @ApiErrors('CREDENTIAL_DESTROYED', 'DUPLICATE_HOST_PURPOSE', 'DUPLICATE_NAME', 'VERSION_CONFLICT')
  @ApiOperation({ summary: 'Change the given fields of a credential (never the secret); If-Match guards against lost updates' })
  @CredentialRoute('change')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: CredentialResponse })
  patch(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateCredentialDto,
  ): Promise<CredentialResponse> {
    return this.update(request, reply, id, body, 'patch');
  }

  @Put(':id')
  @ApiErrors('CREDENTIAL_DESTROYED', 'DUPLICATE_HOST_PURPOSE', 'DUPLICATE_NAME', 'VERSION_CONFLICT')
  @ApiOperation({ summary: 'Replace the fields of a credential (never the secret); If-Match guards against lost updates' })
  @CredentialRoute('change')
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: CredentialResponse })
  put(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Body() body: UpdateCredentialDto,
  ): Promise<CredentialResponse> {
    return this.update(request, reply, id, body, 'put');
  }

  private async update(
    request: AuthenticatedRequest,
    reply: FastifyReply,
    id: string,
    body: UpdateCredentialDto,
    mode: UpdateMode,
  ): Promise<CredentialResponse> {
    const context = this.contexts.from(request, request.body ?? {});
    const command = new UpdateCredentialCommand(context, id, credentialFieldsOf(body), mode);
    return replyWith(reply, await this.commandBus.execute(command));
  }
}
