import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VerifyLogResponse {
  @ApiProperty({ description: 'true when every check passed and every seal could be checked' }) ok!: boolean;
  @ApiProperty({ description: 'events whose hash was recomputed' }) checked!: number;
  @ApiProperty({ description: 'position of the last sealed event; later events are checked by hash and stream chain only' })
  sealedThrough!: number;
  @ApiPropertyOptional({ description: 'the first bad event in log order' }) firstBadPosition?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: [String], description: 'master keys (ids) of seals that could not be checked: not in the keyring' })
  unverifiable?: string[];
}
