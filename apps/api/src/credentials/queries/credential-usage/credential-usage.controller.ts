import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { CredentialUsageResponse } from './credential-usage.dto.js';
import { CredentialUsageQuery } from './credential-usage.query.js';

/** Who read a credential's secret, how often and when last, from the audit trail; never the secret. */
@ApiTags('credentials')
@ApiBearerAuth()
@Roles('admin', 'operator', 'auditor')
@Controller('v1/credentials')
export class CredentialUsageController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/usage')
  @CredentialRoute('read')
  @ApiOperation({ summary: 'Who read the secret, how often and when last (from the audit trail)' })
  @ApiOkResponse({ type: CredentialUsageResponse })
  usage(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<CredentialUsageResponse> {
    return this.queryBus.execute(new CredentialUsageQuery(principal, id));
  }
}
