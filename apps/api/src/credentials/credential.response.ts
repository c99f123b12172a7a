import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CredentialView } from '#credential-store';

/** The masked credential every endpoint but reveal/lookup returns. */
export class CredentialResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() tenant!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'openai' }) type!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) username!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) host!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) purpose!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) extra!: Record<string, unknown>;
  @ApiProperty({ type: [String] }) labels!: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ description: 'the expiry of expiresAt is recorded (by the expiry scanner)' }) expired!: boolean;
  @ApiProperty({ enum: ['active', 'inactive', 'destroyed'] }) status!: string;
  @ApiProperty({ description: 'stream version; also the ETag' }) version!: number;
  @ApiProperty() secretVersion!: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'sk-p…9xQz' }) secretPreview!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) rotatedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) lastUsedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time', description: 'time of the last health check result' })
  lastTestedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['ok', 'failed'], description: 'null before the first health check' })
  lastTestStatus!: 'ok' | 'failed' | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'why the last health check failed (never the secret)' })
  lastTestError!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty() updatedBy!: string;
}

export function toCredentialResponse(view: CredentialView): CredentialResponse {
  const { secretCiphertext: _ciphertext, dekId: _dekId, expiryRemindedSeconds: _reminded, ...masked } = view;
  return masked;
}
