import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CredentialResponse } from '../../credential.response.js';

export class ListCredentialsQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) type?: string;
  @ApiPropertyOptional({ enum: ['active', 'inactive', 'destroyed'] })
  @IsOptional()
  @IsIn(['active', 'inactive', 'destroyed'])
  status?: string;
  @ApiPropertyOptional({ description: 'credentials carrying this label' }) @IsOptional() @IsString() @MaxLength(64) label?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) host?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) purpose?: string;
  @ApiPropertyOptional({ description: 'the credential name, matched ignoring case and surrounding white space' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  name?: string;
  @ApiPropertyOptional({ description: 'substring of name (ignoring case) or description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ name: 'active_only' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value))
  @IsBoolean()
  active_only?: boolean;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class CredentialPageResponse {
  @ApiProperty({ type: [CredentialResponse] }) credentials!: CredentialResponse[];
  @ApiProperty({ description: 'matches across all pages' }) total!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}
