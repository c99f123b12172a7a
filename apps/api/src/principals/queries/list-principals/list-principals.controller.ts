import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { PrincipalResponse } from '../../principal.response.js';
import { PrincipalPageQueryDto } from '../page.dto.js';
import { PrincipalPageResponse } from '../../principal.response.js';
import { GetPrincipalQuery, ListPrincipalsQuery } from './list-principals.query.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('principals')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/principals')
export class ListPrincipalsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List the principals of the tenant, one page at a time' })
  @ApiOkResponse({ type: PrincipalPageResponse })
  list(@CurrentPrincipal() actor: Principal, @Query() page: PrincipalPageQueryDto): Promise<PrincipalPageResponse> {
    return this.queryBus.execute(new ListPrincipalsQuery(actor, page));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One principal' })
  @ApiOkResponse({ type: PrincipalResponse })
  get(@CurrentPrincipal() actor: Principal, @Param('id', IdPipe) id: string): Promise<PrincipalResponse> {
    return this.queryBus.execute(new GetPrincipalQuery(actor, id));
  }
}
