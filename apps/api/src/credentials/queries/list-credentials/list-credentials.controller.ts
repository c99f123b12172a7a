import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { CredentialPageResponse, ListCredentialsQueryDto } from './list-credentials.dto.js';
import { ListCredentialsQuery } from './list-credentials.query.js';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { ANY_ROLE, Roles } from '../../../auth/roles.decorator.js';

@ApiTags('credentials')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller('v1/credentials')
export class ListCredentialsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List credentials, filtered, one page at a time; never secrets' })
  @CredentialRoute('read')
  @ApiOkResponse({ type: CredentialPageResponse, description: 'masked credentials, oldest first' })
  list(@CurrentPrincipal() principal: Principal, @Query() filters: ListCredentialsQueryDto): Promise<CredentialPageResponse> {
    return this.queryBus.execute(new ListCredentialsQuery(principal, filters));
  }
}
