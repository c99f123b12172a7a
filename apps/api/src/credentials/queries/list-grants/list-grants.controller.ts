import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CredentialRoute } from '../../../access/credential-route.decorator.js';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { GrantListResponse } from '../../grant.response.js';
import { ListGrantsQuery } from './list-grants.query.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('grants')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/credentials')
export class ListGrantsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/grants')
  @ApiOperation({ summary: 'The grants on one credential' })
  @CredentialRoute('grant')
  @ApiOkResponse({ type: GrantListResponse })
  list(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: string): Promise<GrantListResponse> {
    return this.queryBus.execute(new ListGrantsQuery(principal, id));
  }
}
