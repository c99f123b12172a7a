import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '#domain';
import type { PrincipalRow, TokenRow } from './principal-rows.js';
import { isoOrNull as iso } from '#database';

export class PrincipalResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) teams!: string[];
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
}

export class TokenResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) principalId!: string;
  @ApiProperty() principalName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() tenant!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status!: 'active' | 'expired' | 'revoked';
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedBy!: string | null;
}

export class IssuedTokenResponse extends TokenResponse {
  @ApiProperty({ description: 'the bearer token; shown in this response only, never again', example: 'klt_…' }) token!: string;
}

export function toPrincipalResponse(row: PrincipalRow): PrincipalResponse {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    role: row.role,
    teams: row.teams,
    version: Number(row.version),
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
  };
}

export function toTokenResponse(row: TokenRow, now: number = Date.now()): TokenResponse {
  const expiresAt = iso(row.expires_at);
  const status = row.revoked_at !== null ? 'revoked' : expiresAt !== null && Date.parse(expiresAt) <= now ? 'expired' : 'active';
  return {
    id: row.id,
    principalId: row.principal_id,
    principalName: row.principal_name,
    role: row.role,
    tenant: row.tenant,
    description: row.description,
    status,
    expiresAt,
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

export class PrincipalPageResponse {
  @ApiProperty({ type: [PrincipalResponse] }) principals!: PrincipalResponse[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
