import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { NewPrincipalDto } from '../../principal.dto.js';
import { IsInstant } from '../../../http/instant.validator.js';

export class IssueTokenDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'an existing principal; or give `principal` to create one' })
  @IsOptional()
  @IsUUID()
  principalId?: string;
  @ApiPropertyOptional({ type: NewPrincipalDto, description: 'a principal to create with this token' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewPrincipalDto)
  principal?: NewPrincipalDto;
  @ApiPropertyOptional({ example: 'billing deploy, rotated quarterly' }) @IsOptional() @IsString() @MaxLength(500) description?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'when the token stops working; none: until revoked' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;
}
