import { Body, Controller, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationError } from '#domain';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { IssuedTokenResponse } from '../../principal.response.js';
import { IssueTokenCommand } from './issue-token.command.js';
import { IssueTokenDto } from './issue-token.dto.js';

@ApiTags('tokens')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/tokens')
export class IssueTokenController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Issue a bearer token for a principal (or create the principal with it); the token is shown once' })
  @ApiCreatedResponse({ type: IssuedTokenResponse })
  issue(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() body: IssueTokenDto): Promise<IssuedTokenResponse> {
    // A replayed response would have to keep the token: it is never stored, so retries are not replayable.
    if (req.headers['idempotency-key'] !== undefined) {
      throw new ValidationError('Idempotency-Key is not accepted here', [
        { field: 'Idempotency-Key', message: 'a token is shown once and never stored, so its issue cannot be replayed; on a failed request, list the tokens and revoke any you did not receive' },
      ]);
    }
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    return this.commandBus.execute(new IssueTokenCommand(req.principal!, body));
  }
}
