import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class RotateSecretDto {
  @ApiProperty({ writeOnly: true, description: 'the new secret value' })
  @IsOptional()
  @IsString()
  secret?: string;
}
