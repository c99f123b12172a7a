import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { ListTokensQueryDto, TokenPageResponse } from './list-tokens.dto.js';
import { ListTokensQuery } from './list-tokens.query.js';

@ApiTags('tokens')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/tokens')
export class ListTokensController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List API tokens, one page at a time; never their values' })
  @ApiOkResponse({ type: TokenPageResponse })
  list(@CurrentPrincipal() actor: Principal, @Query() page: ListTokensQueryDto): Promise<TokenPageResponse> {
    return this.queryBus.execute(new ListTokensQuery(actor, page));
  }
}
