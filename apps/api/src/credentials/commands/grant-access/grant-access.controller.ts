import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationError, type Grantee } from '#domain';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CommandContextFactory } from '../../../http/command-context.js';
import { GrantChangeResponse, replyWithGrant } from '../../grant.response.js';
import { GrantAccessCommand } from './grant-access.command.js';
import { GrantAccessDto } from './grant-access.dto.js';
import { ApiErrors } from '../../../http/openapi.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('grants')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/credentials')
export class GrantAccessController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/grants')
  @ApiErrors('INVALID_STATE')
  @CredentialRoute('grant')
  @ApiOperation({
    summary: 'Let a principal or a team use (reveal, lookup) or manage (change, rotate, test, deactivate, restore) a credential',
  })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: GrantChangeResponse, description: 'the new grant' })
  @ApiOkResponse({ type: GrantChangeResponse, description: 'the same grant was already in force: it, unchanged' })
  async grant(
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
    @Body() body: GrantAccessDto,
  ): Promise<GrantChangeResponse> {
    const context = this.contexts.from(request, request.body);
    const command = new GrantAccessCommand(context, id, granteeOf(body), body.permission);
    return replyWithGrant(reply, await this.commandBus.execute(command));
  }
}

function granteeOf({ principalId, team }: GrantAccessDto): Grantee {
  if (principalId !== undefined && team === undefined) return { kind: 'principal', id: principalId.toLowerCase() };
  if (team !== undefined && principalId === undefined) return { kind: 'team', id: team };
  const message = 'give either principalId or team, not both';
  throw new ValidationError(message, [{ field: principalId === undefined ? 'principalId' : 'team', message }]);
}
