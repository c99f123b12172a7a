import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../../http/instant.validator.js';

export const OUTCOMES = ['success', 'denied', 'failed'] as const;
export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;

export class ListAuditQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() credentialId?: string;
  @ApiPropertyOptional({ description: 'principal id, e.g. bootstrap-admin' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ example: 'revealed', description: 'created, changed, rotated, revealed, looked_up, denied, ...' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'action must be 1-100 of A-Z a-z 0-9 _ . : -' })
  action?: string;
  @ApiPropertyOptional({ enum: OUTCOMES }) @IsOptional() @IsIn(OUTCOMES) outcome?: (typeof OUTCOMES)[number];
  @ApiPropertyOptional({ format: 'date-time', description: 'entries at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'entries at or before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;
  @ApiPropertyOptional({ default: DEFAULT_AUDIT_LIMIT, maximum: MAX_AUDIT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_LIMIT)
  limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class AuditEntryResponse {
  @ApiProperty({ description: 'global position of the event the entry comes from' }) position!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'SecretRevealed' }) eventType!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'revealed' }) action!: string;
  @ApiProperty({ enum: OUTCOMES }) outcome!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) credentialId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'never a secret or ciphertext' }) details!: Record<
    string,
    unknown
  >;
}

export class AuditPageResponse {
  @ApiProperty({ type: [AuditEntryResponse], description: 'newest first' }) entries!: AuditEntryResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
