import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { SecretVersionsResponse, StreamEventsResponse } from './credential-history.dto.js';
import { CredentialHistoryQuery } from './credential-history.query.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { ANY_ROLE, Roles } from '../../../auth/roles.decorator.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller('v1/credentials')
export class CredentialHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/versions')
  @ApiOperation({ summary: 'The secret versions of a credential, never the secrets' })
  @CredentialRoute('read')
  @ApiOkResponse({ type: SecretVersionsResponse, description: 'masked secret-version history' })
  versions(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: string) {
    return this.queryBus.execute(new CredentialHistoryQuery(principal, id, 'versions'));
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'The events of one credential, oldest first' })
  @CredentialRoute('read')
  @ApiOkResponse({ type: StreamEventsResponse, description: "the credential's event stream, without ciphertext" })
  events(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: string) {
    return this.queryBus.execute(new CredentialHistoryQuery(principal, id, 'events'));
  }
}
