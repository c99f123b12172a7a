import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { DeliveryPageQueryDto, DeliveryPageResponse } from './list-deliveries.dto.js';

export class ListDeliveriesQuery extends Query<DeliveryPageResponse> {
  constructor(
    readonly principal: Principal,
    readonly webhookId: string,
    readonly page: DeliveryPageQueryDto,
  ) {
    super();
  }
}
