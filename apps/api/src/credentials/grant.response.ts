import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { GRANT_PERMISSIONS, type CredentialGrant, type GrantPermission } from '#domain';
import { etagOf } from '../http/etag.js';
import type { CredentialCommandResult } from './credential-command.runner.js';

export class GranteeResponse {
  @ApiProperty({ enum: ['principal', 'team'] }) kind!: 'principal' | 'team';
  @ApiProperty({ description: 'principal id, or team name' }) id!: string;
}

export class GrantResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ type: GranteeResponse }) grantee!: GranteeResponse;
  @ApiProperty({ enum: GRANT_PERMISSIONS, description: 'use: reveal and lookup; manage: change, rotate, test, deactivate, restore' })
  permission!: GrantPermission;
  @ApiProperty({ format: 'date-time' }) grantedAt!: string;
  @ApiProperty() grantedBy!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) revokedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) revokedBy!: string | null;
}

/** A grant as a command answers it: with the credential's version after the command (also the ETag). */
export class GrantChangeResponse extends GrantResponse {
  @ApiProperty() credentialVersion!: number;
}

export class GrantListResponse {
  @ApiProperty({ type: [GrantResponse], description: 'the grants in force, oldest first' }) grants!: GrantResponse[];
}

export function toGrantResponse(credentialId: string, grant: CredentialGrant): GrantResponse {
  const { grantId, grantee, permission, grantedAt, grantedBy, revokedAt, revokedBy } = grant;
  return {
    id: grantId,
    credentialId,
    grantee: { kind: grantee.kind, id: grantee.id },
    permission,
    grantedAt,
    grantedBy,
    revokedAt,
    revokedBy,
  };
}

/** Status, ETag (the credential's version) and replay marker of a grant command's response. */
export function replyWithGrant(reply: FastifyReply, result: CredentialCommandResult<GrantChangeResponse>): GrantChangeResponse {
  void reply.status(result.statusCode).header('etag', etagOf(result.body.credentialVersion));
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}
