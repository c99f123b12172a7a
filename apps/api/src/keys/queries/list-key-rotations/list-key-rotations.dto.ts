import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { KeyRotationResponse } from '../../key-rotation.response.js';

export const DEFAULT_ROTATIONS = 20;

export class ListKeyRotationsQueryDto {
  @ApiPropertyOptional({ default: DEFAULT_ROTATIONS, maximum: 100, description: 'how many of the most recent rotations' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class KeyRotationListResponse {
  @ApiProperty({
    type: [KeyRotationResponse],
    description: 'newest first; a pending or running rotation, if any, is the first (one runs at a time)',
  })
  rotations!: KeyRotationResponse[];
}
