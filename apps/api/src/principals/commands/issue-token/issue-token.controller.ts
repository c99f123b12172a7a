import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { prepareShownOnceReply } from '../../../http/shown-once.js';
import { newPrincipalOf } from '../../new-principal.js';
import { IssuedTokenResponse } from '../../principal.response.js';
import { IssueTokenCommand, type TokenRequest } from './issue-token.command.js';
import { IssueTokenDto } from './issue-token.dto.js';

const RECOVERY =
  'a token is shown once and never stored, so its issue cannot be replayed; on a failed request, list the tokens and revoke any you did not receive';

@ApiTags('tokens')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/tokens')
export class IssueTokenController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Issue a bearer token for a principal (or create the principal with it); the token is shown once' })
  @ApiCreatedResponse({ type: IssuedTokenResponse })
  issue(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Body() body: IssueTokenDto,
  ): Promise<IssuedTokenResponse> {
    prepareShownOnceReply(req, reply, RECOVERY);
    return this.commandBus.execute(new IssueTokenCommand(req.principal!, tokenRequestOf(body)));
  }
}

function tokenRequestOf({ principalId, principal, description, expiresAt }: IssueTokenDto): TokenRequest {
  return {
    ...(principalId === undefined ? {} : { principalId }),
    ...(principal == null ? {} : { principal: newPrincipalOf(principal) }),
    ...(description === undefined ? {} : { description }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}
