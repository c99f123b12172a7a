import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TENANT_FORMAT } from '../principal.dto.js';

export class PrincipalPageQueryDto {
  @ApiPropertyOptional({ description: 'another tenant than your own: bootstrap admin only' })
  @IsOptional()
  @Matches(TENANT_FORMAT, { message: 'tenant must be 1-64 of A-Z a-z 0-9 _ -' })
  tenant?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export const DEFAULT_PAGE_SIZE = 50;
