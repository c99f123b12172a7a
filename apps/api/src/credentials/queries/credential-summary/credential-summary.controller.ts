import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { ANY_ROLE, Roles } from '../../../auth/roles.decorator.js';
import { CredentialSummaryQueryDto, CredentialSummaryResponse } from './credential-summary.dto.js';
import { CredentialSummaryQuery } from './credential-summary.query.js';

/** Counts and the credentials needing attention, over what the caller may read: the console's overview in one request. */
@ApiTags('credentials')
@ApiBearerAuth()
@Roles(...ANY_ROLE)
@Controller('v1/credentials')
export class CredentialSummaryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('summary')
  @CredentialRoute('read')
  @ApiOperation({ summary: 'Counts by status and category, the credentials expiring soon and those failing their health check' })
  @ApiOkResponse({ type: CredentialSummaryResponse, description: 'over the credentials the caller may read; never secrets' })
  summary(@CurrentPrincipal() principal: Principal, @Query() options: CredentialSummaryQueryDto): Promise<CredentialSummaryResponse> {
    return this.queryBus.execute(new CredentialSummaryQuery(principal, options));
  }
}
