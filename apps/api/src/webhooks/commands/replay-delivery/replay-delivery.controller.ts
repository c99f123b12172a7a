import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { ReplayAcceptedResponse } from './replay-delivery.dto.js';
import { ReplayDeliveryCommand } from './replay-delivery.command.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/webhooks')
export class ReplayDeliveryController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed (or delivered) delivery again, with a fresh set of tries' })
  @ApiAcceptedResponse({ type: ReplayAcceptedResponse })
  replay(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
  ): Promise<ReplayAcceptedResponse> {
    return this.commandBus.execute(new ReplayDeliveryCommand(principal, id, deliveryId));
  }
}
