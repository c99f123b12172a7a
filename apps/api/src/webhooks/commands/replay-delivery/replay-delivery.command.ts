import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { ReplayAcceptedResponse } from './replay-delivery.dto.js';

export class ReplayDeliveryCommand extends Command<ReplayAcceptedResponse> {
  constructor(
    readonly principal: Principal,
    readonly webhookId: string,
    readonly deliveryId: string,
  ) {
    super();
  }
}
