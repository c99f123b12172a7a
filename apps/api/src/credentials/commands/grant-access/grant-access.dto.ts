import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { GRANT_PERMISSIONS, TEAM_NAME, type GrantPermission } from '#domain';

/** Exactly one of `principalId` and `team`. */
export class GrantAccessDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'a principal of the credential’s tenant' })
  @IsOptional()
  @IsUUID()
  principalId?: string;
  @ApiPropertyOptional({ example: 'payments', description: 'every principal of the tenant in this team' })
  @IsOptional()
  @IsString()
  @Matches(TEAM_NAME, { message: 'team must be 1-64 of A-Z a-z 0-9 _ . -, starting with a letter or digit' })
  team?: string;
  @ApiProperty({ enum: GRANT_PERMISSIONS }) @IsIn(GRANT_PERMISSIONS) permission!: GrantPermission;
}
