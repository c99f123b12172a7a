import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_FEED_LIMIT = 1000;
export const MAX_FEED_LIMIT = 10_000;

export class ReadEventsQueryDto {
  @ApiPropertyOptional({ default: 0, description: 'the position of the last line of the previous page; 0 reads from the start' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ default: DEFAULT_FEED_LIMIT, maximum: MAX_FEED_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_FEED_LIMIT)
  limit?: number;
}

/** One NDJSON line of GET /v1/events: the stored event, enough to recompute its hash. */
export class EventLineResponse {
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'xid8 of the appending transaction; log order is (transactionId, position)' }) transactionId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ example: 'credential' }) streamType!: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'null for access records' }) streamVersion!: number | null;
  @ApiProperty() tenant!: string;
  @ApiProperty({ example: 'SecretRotated' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'as stored; a secret only as AES-256-GCM ciphertext' })
  data!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ description: 'SHA-256, hex' }) hash!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) prevHash!: string | null;
}
