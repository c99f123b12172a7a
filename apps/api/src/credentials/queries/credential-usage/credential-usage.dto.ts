import { ApiProperty } from '@nestjs/swagger';

export class CredentialReaderResponse {
  @ApiProperty({ description: 'the principal that read the secret' }) actor!: string;
  @ApiProperty({ description: 'successful reveals and lookups by this principal' }) reads!: number;
  @ApiProperty({ format: 'date-time' }) firstReadAt!: string;
  @ApiProperty({ format: 'date-time' }) lastReadAt!: string;
}

export class CredentialUsageResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ description: 'successful reads by everyone' }) reads!: number;
  @ApiProperty({ description: 'refused reads (no grant, rate limit, inactive, expired)' }) denied!: number;
  @ApiProperty({ type: [CredentialReaderResponse], description: 'one entry per reader, most recent read first' })
  readers!: CredentialReaderResponse[];
}
