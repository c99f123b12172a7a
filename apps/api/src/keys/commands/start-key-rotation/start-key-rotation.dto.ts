import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { KEY_ROTATION_MODES, type KeyRotationMode } from '#domain';

export class StartKeyRotationDto {
  @ApiPropertyOptional({
    enum: KEY_ROTATION_MODES,
    default: 'rewrap',
    description:
      'rewrap: wrap every data key again under the active master key; reencrypt: also seal every current secret under a fresh data key',
  })
  @IsOptional()
  @IsIn(KEY_ROTATION_MODES)
  mode?: KeyRotationMode;
}

export class KeyRotationStartedResponse {
  @ApiProperty({ format: 'uuid' }) rotationId!: string;
}
