import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KEY_ROTATION_MODES, type KeyRotationMode } from '#domain';
import type { RotationStatus } from '#key-rotation';

/** A master-key rotation and its progress, as the rotation routes answer it. */
export class KeyRotationResponse {
  @ApiProperty({ format: 'uuid' }) rotationId!: string;
  @ApiProperty({ enum: KEY_ROTATION_MODES }) mode!: KeyRotationMode;
  @ApiProperty({ description: 'the master key every data key ends up wrapped by' }) targetKekId!: string;
  @ApiProperty({ enum: ['pending', 'running', 'completed', 'failed'] }) status!: RotationStatus;
  @ApiProperty({ description: 'data keys to process (counted when the rotation starts running)' }) total!: number;
  @ApiProperty() done!: number;
  @ApiProperty({ description: 'data keys that could not be unwrapped; they stay under their old master key' }) failed!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() requestedBy!: string;
}
