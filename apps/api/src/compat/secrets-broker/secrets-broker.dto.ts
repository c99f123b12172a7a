import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString } from 'class-validator';

// The secrets broker's request shapes, field for field (snake_case included):
// its clients send these bodies unchanged.

export class BrokerCredentialKeyDto {
  @ApiProperty({ example: '192.168.50.211' }) @IsString() @IsNotEmpty() host!: string;
  @ApiProperty({ example: 'winrm', description: 'winrm, ssh, rdp, http, database or any other value' })
  @IsString()
  @IsNotEmpty()
  purpose!: string;
}

export class BrokerUpsertDto extends BrokerCredentialKeyDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Administrator' }) @IsOptional() @IsString() username?: string | null;
  @ApiProperty({ writeOnly: true, example: 'SecurePass123' }) @IsString() @IsNotEmpty() password!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'CORP' }) @IsOptional() @IsString() domain?: string | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, example: { notes: 'Production server' } })
  @IsOptional()
  @IsObject()
  additional_data?: Record<string, unknown> | null;
}

export interface BrokerUpsertAnswer {
  success: true;
  credential_id: string;
  host: string;
  purpose: string;
}

export interface BrokerLookupAnswer {
  host: string;
  purpose: string;
  username: string | null;
  password: string;
  domain: string | null;
  additional_data: Record<string, unknown>;
}

export interface BrokerDeleteAnswer {
  success: true;
  host: string;
  purpose: string;
}
