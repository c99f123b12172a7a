import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DELIVERY_STATUSES, type DeliveryStatus } from '#webhooks';
import { DeliveryResponse } from '../../webhook.response.js';
import { WebhookPageQueryDto } from '../list-webhooks/list-webhooks.dto.js';

export class DeliveryPageQueryDto extends WebhookPageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
}

export class DeliveryPageResponse {
  @ApiProperty({ type: [DeliveryResponse] }) deliveries!: DeliveryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
