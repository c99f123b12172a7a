import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory } from '../../../http/command-context.js';
import { StartKeyRotationCommand } from './start-key-rotation.command.js';
import { KeyRotationStartedResponse, StartKeyRotationDto } from './start-key-rotation.dto.js';
import { ApiErrors } from '../../../http/openapi.js';

@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/keys/rotations')
export class StartKeyRotationController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @ApiErrors('INVALID_STATE')
  @ApiOperation({ summary: 'Start a master-key rotation to the active master key (process-wide, not per tenant)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiAcceptedResponse({ type: KeyRotationStartedResponse, description: 'follow it at GET /v1/keys/rotations/{rotationId}' })
  @ApiConflictResponse({ description: 'a rotation is pending or running; details.rotationId names it' })
  async start(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: StartKeyRotationDto,
  ): Promise<KeyRotationStartedResponse> {
    const context = this.contexts.from(request, request.body);
    const result = await this.commandBus.execute(new StartKeyRotationCommand(context, body.mode ?? 'rewrap'));
    void reply.status(result.statusCode).header('location', `/v1/keys/rotations/${result.body.rotationId}`);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.body;
  }
}
