import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFICATION_TYPES } from '#domain';
import { DELIVERY_STATUSES, type DeliveryRow, type WebhookRow } from '#webhooks';
import { isoOrNull as iso } from '#database';

/** A webhook as every route shows it: never its signing secret. */
export class WebhookResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty({ example: 'https://hooks.example.com/keyledger' }) url!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES, isArray: true }) events!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'stream version; also the ETag' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() updatedBy!: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiPropertyOptional({ description: 'the generated signing secret: in this response only, and only when none was given' })
  secret?: string;
}

export class DeliveryResponse {
  @ApiProperty({ format: 'uuid', description: 'also the Keyledger-Delivery header' }) id!: string;
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ format: 'uuid', description: 'the notifying event: the payload `id`' }) eventId!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty({ description: 'tries so far, replays included' }) attempts!: number;
  @ApiProperty() replays!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastAttemptAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) deliveredAt!: string | null;
}

export function toWebhookResponse(row: WebhookRow): WebhookResponse {
  return {
    id: row.id,
    tenant: row.tenant,
    url: row.url,
    events: row.events,
    description: row.description,
    active: row.active,
    version: Number(row.version),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
  };
}

export function toDeliveryResponse(row: DeliveryRow): DeliveryResponse {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    type: row.notification_type,
    status: row.status,
    attempts: row.attempts,
    replays: row.replays,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    lastAttemptAt: iso(row.last_attempt_at),
    deliveredAt: iso(row.delivered_at),
  };
}
