import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '#domain';

export const TENANT_FORMAT = /^[A-Za-z0-9_-]{1,64}$/;

/** A new principal: shape here, naming rules in the domain (principalIssues). */
export class NewPrincipalDto {
  @ApiProperty({ example: 'billing-service' }) @IsString() @MaxLength(128) name!: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;
  @ApiPropertyOptional({ type: [String], description: 'teams it belongs to; a grant to a team applies to each member' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  teams?: string[];
  @ApiPropertyOptional({ description: 'tenant of the principal; another tenant than your own: bootstrap admin only' })
  @IsOptional()
  @Matches(TENANT_FORMAT, { message: 'tenant must be 1-64 of A-Z a-z 0-9 _ -' })
  tenant?: string;
}
