import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { RegisterCredentialDto } from '../../credentials/commands/register-credential/register-credential.dto.js';
import { ListCredentialsQueryDto } from '../../credentials/queries/list-credentials/list-credentials.dto.js';

// ZainOne's request and answer shapes. Its clients send Keyledger's own body
// names (name, type, username, secret, extra), so a body is the body of
// POST /v1/credentials, validated the same way. Glassdome's clients share the
// path and also set the top-level host (a Proxmox host), purpose, labels,
// description and expiresAt it takes; any other field is refused.

export class ZainOneCreateDto extends RegisterCredentialDto {}

/** A PUT names what it changes; with `secret` it also rotates. */
export class ZainOneUpdateDto extends ZainOneCreateDto {}

/** `?active_only=true`: only credentials that are not deactivated. */
export class ZainOneListQueryDto extends PickType(ListCredentialsQueryDto, ['active_only'] as const) {}

export class ZainOneCredential {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'db_dsn' }) type!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) extra!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ description: 'false once deactivated (DELETE) or destroyed' }) is_active!: boolean;
}

export class ZainOneCredentialList {
  @ApiProperty({ type: [ZainOneCredential] }) credentials!: ZainOneCredential[];
  @ApiProperty({ description: 'every match; the list is not paged' }) total!: number;
}
