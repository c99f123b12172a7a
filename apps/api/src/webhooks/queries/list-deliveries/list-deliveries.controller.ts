import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { DeliveryPageQueryDto, DeliveryPageResponse } from './list-deliveries.dto.js';
import { ListDeliveriesQuery } from './list-deliveries.query.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class ListDeliveriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/deliveries')
  @ApiOperation({ summary: "A webhook's deliveries, oldest first; `status=failed` lists those that exhausted their tries" })
  @ApiOkResponse({ type: DeliveryPageResponse })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: string,
    @Query() page: DeliveryPageQueryDto,
  ): Promise<DeliveryPageResponse> {
    return this.queryBus.execute(new ListDeliveriesQuery(principal, id, page));
  }
}
