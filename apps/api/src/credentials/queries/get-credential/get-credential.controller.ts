import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { etagOf } from '../../../http/etag.js';
import { CredentialResponse } from '../../credential.response.js';
import { GetCredentialQuery } from './get-credential.query.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { ANY_ROLE, Roles } from '../../../auth/roles.decorator.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller('v1/credentials')
export class GetCredentialController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'One credential: its fields and metadata, never the secret' })
  @CredentialRoute('read')
  @ApiOkResponse({ type: CredentialResponse, description: 'masked detail; ETag carries the version' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Param('id', IdPipe) id: string,
  ): Promise<CredentialResponse> {
    const credential = await this.queryBus.execute(new GetCredentialQuery(principal, id));
    void reply.header('etag', etagOf(credential.version));
    return credential;
  }
}
