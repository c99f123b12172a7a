import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../../http/command-context.js';
import type { StoredResponse } from '../../../http/idempotency.js';
import type { ReplayAcceptedResponse } from './replay-delivery.dto.js';

export class ReplayDeliveryCommand extends Command<StoredResponse<ReplayAcceptedResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly webhookId: string,
    readonly deliveryId: string,
  ) {
    super();
  }
}
