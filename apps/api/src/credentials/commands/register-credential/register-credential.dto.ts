import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsObject, IsOptional, IsString } from 'class-validator';

// JSON types only: the credential's template decides what is required and
// valid, and reports every failing field at once.
export class RegisterCredentialDto {
  @ApiProperty({ example: 'openai-prod' }) @IsOptional() @IsString() name?: string;
  @ApiProperty({ example: 'openai', description: 'seed type or service template, see GET /v1/templates' })
  @IsOptional()
  @IsString()
  type?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() username?: string | null;
  @ApiProperty({ writeOnly: true, description: 'the secret value; never returned except by reveal/lookup' })
  @IsOptional()
  @IsString()
  secret?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { base_url: 'https://api.openai.com' } })
  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() host?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() purpose?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) labels?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() description?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' })
  @IsOptional()
  @IsString()
  expiresAt?: string | null;
}
