import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationError } from '#domain';
import type { AuthenticatedRequest } from '../../../auth/bearer-auth.guard.js';
import { RevealSecretCommand, type ClientInfo, type RevealTarget } from './reveal-secret.command.js';
import { LookupCredentialDto, RevealedSecretResponse } from './reveal-secret.dto.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { ApiErrors } from '../../../http/openapi.js';
import { IdPipe } from '../../../http/id.pipe.js';

/** Set on a reveal or lookup of an expired credential: its expiresAt. */
const EXPIRED_HEADER = 'keyledger-credential-expired';

@ApiTags('secrets')
@ApiBearerAuth()
@Roles('admin', 'service')
@Controller('v1/credentials')
export class RevealSecretController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/reveal')
  @ApiErrors('CREDENTIAL_DESTROYED', 'CREDENTIAL_EXPIRED', 'CREDENTIAL_INACTIVE', 'RATE_LIMITED')
  @CredentialRoute('reveal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return the current secret; recorded as an access event before it is returned' })
  @ApiOkResponse({ type: RevealedSecretResponse })
  reveal(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id', IdPipe) id: string) {
    return this.run(req, reply, { id }, 'reveal');
  }

  @Post('lookup')
  @ApiErrors('CREDENTIAL_DESTROYED', 'CREDENTIAL_EXPIRED', 'CREDENTIAL_INACTIVE', 'NOT_FOUND', 'RATE_LIMITED')
  @CredentialRoute('lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Find a credential by {name} or {host, purpose} and return its secret, as reveal does' })
  @ApiOkResponse({ type: RevealedSecretResponse })
  lookup(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply, @Body() body: LookupCredentialDto) {
    return this.run(req, reply, lookupTarget(body), 'lookup');
  }

  private async run(req: AuthenticatedRequest, reply: FastifyReply, target: RevealTarget, via: 'reveal' | 'lookup') {
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const client: ClientInfo = { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
    const revealed = await this.commandBus.execute(new RevealSecretCommand(req.principal!, target, via, client));
    if (revealed.expired) void reply.header(EXPIRED_HEADER, revealed.expiresAt);
    return revealed;
  }
}

function lookupTarget({ name, host, purpose }: LookupCredentialDto): RevealTarget {
  if (name !== undefined && host === undefined && purpose === undefined) return { name };
  if (name === undefined && host !== undefined && purpose !== undefined) return { host, purpose };
  throw new ValidationError('give either {name} or {host, purpose}', [
    { field: name === undefined ? 'host' : 'name', message: 'give either name alone, or host and purpose together' },
  ]);
}
