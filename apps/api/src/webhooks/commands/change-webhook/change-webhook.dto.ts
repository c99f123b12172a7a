import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { NOTIFICATION_TYPES } from '#domain';

/** The fields given change; the signing secret cannot be changed (register a new webhook). */
export class ChangeWebhookDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) url?: string;
  @ApiPropertyOptional({ enum: NOTIFICATION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(32)
  @IsString({ each: true })
  events?: string[];
  @ApiPropertyOptional({ description: 'false stops deliveries (pending ones fail and can be replayed later)' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) description?: string | null;
}
