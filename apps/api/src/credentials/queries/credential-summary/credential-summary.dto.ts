import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CredentialResponse } from '../../credential.response.js';

export const DEFAULT_EXPIRING_WITHIN_DAYS = 30;
export const DEFAULT_SUMMARY_LIMIT = 20;

export class CredentialSummaryQueryDto {
  @ApiPropertyOptional({
    name: 'expiring_within_days',
    default: DEFAULT_EXPIRING_WITHIN_DAYS,
    minimum: 1,
    maximum: 365,
    description: 'active credentials whose expiresAt falls within this many days from now (or has passed) count as expiring',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  expiring_within_days?: number;
  @ApiPropertyOptional({
    default: DEFAULT_SUMMARY_LIMIT,
    minimum: 1,
    maximum: 100,
    description: 'credentials listed in each of expiring and failing',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class CredentialCountsByStatus {
  @ApiProperty() active!: number;
  @ApiProperty() inactive!: number;
  @ApiProperty() destroyed!: number;
}

export class CredentialCountsByCategory {
  @ApiProperty({ description: 'types of a named service (databases, clouds, AI providers, …)' }) service!: number;
  @ApiProperty({ description: 'generic types (API key, password, bearer token, …)' }) seed!: number;
}

export class CredentialSelection {
  @ApiProperty({ description: 'how many match, beyond the ones listed too' }) total!: number;
  @ApiProperty({ type: [CredentialResponse], description: 'at most `limit` of them, masked' }) credentials!: CredentialResponse[];
}

export class CredentialSummaryResponse {
  @ApiProperty({ description: 'credentials the caller may read, in any status' }) total!: number;
  @ApiProperty({ type: CredentialCountsByStatus }) byStatus!: CredentialCountsByStatus;
  @ApiProperty({ type: CredentialCountsByCategory, description: 'the active ones, by the category of their template' })
  byCategory!: CredentialCountsByCategory;
  @ApiProperty({ description: 'the window `expiring` was counted over' }) expiringWithinDays!: number;
  @ApiProperty({ type: CredentialSelection, description: 'active credentials expired or expiring within the window, soonest first' })
  expiring!: CredentialSelection;
  @ApiProperty({ type: CredentialSelection, description: 'active credentials whose last health check failed, most recently tested first' })
  failing!: CredentialSelection;
}
