import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { AuditPageResponse, ListAuditQueryDto } from './list-audit.dto.js';
import { ListAuditQuery } from './list-audit.query.js';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'auditor')
@Controller('v1/audit')
export class ListAuditController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: "The tenant's audit trail, newest first: who did what to which credential, and how it ended" })
  @ApiOkResponse({ type: AuditPageResponse })
  list(@CurrentPrincipal() principal: Principal, @Query() filters: ListAuditQueryDto): Promise<AuditPageResponse> {
    return this.queryBus.execute(new ListAuditQuery(principal, filters));
  }
}
