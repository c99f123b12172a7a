import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { WebhookResponse } from '../../webhook.response.js';

export const DEFAULT_PAGE_SIZE = 50;

export class WebhookPageQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_PAGE_SIZE, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class WebhookPageResponse {
  @ApiProperty({ type: [WebhookResponse] }) webhooks!: WebhookResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
