import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class LookupCredentialDto {
  @ApiPropertyOptional({ description: 'credential name, matched ignoring case and surrounding white space; or give host and purpose' })
  @IsOptional()
  @IsString()
  name?: string;
  @ApiPropertyOptional({ example: 'db.internal' }) @IsOptional() @IsString() host?: string;
  @ApiPropertyOptional({ example: 'billing-readonly' }) @IsOptional() @IsString() purpose?: string;
}

export class RevealedSecretResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() type!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ description: 'the plaintext secret' }) secret!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) extra!: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'where to connect: services need it next to the secret' })
  host!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) purpose!: string | null;
  @ApiProperty() secretVersion!: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) expiresAt!: string | null;
  @ApiProperty({ description: 'expiresAt has passed (also sent as the Keyledger-Credential-Expired header)' }) expired!: boolean;
}
