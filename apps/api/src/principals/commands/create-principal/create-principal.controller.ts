import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory, replyStatus } from '../../../http/command-context.js';
import { newPrincipalOf } from '../../new-principal.js';
import { NewPrincipalDto } from '../../principal.dto.js';
import { PrincipalResponse } from '../../principal.response.js';
import { CreatePrincipalCommand } from './create-principal.command.js';
import { ApiErrors } from '../../../http/openapi.js';

@ApiTags('principals')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/principals')
export class CreatePrincipalController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @ApiErrors('DUPLICATE_NAME')
  @ApiOperation({ summary: 'Create a principal (a person or service) with a role in a tenant; issue its tokens with POST /v1/tokens' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: PrincipalResponse })
  async create(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: NewPrincipalDto,
  ): Promise<PrincipalResponse> {
    const context = this.contexts.from(request, request.body);
    return replyStatus(reply, await this.commandBus.execute(new CreatePrincipalCommand(context, newPrincipalOf(body))));
  }
}
