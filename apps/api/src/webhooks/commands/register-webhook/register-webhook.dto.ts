import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NOTIFICATION_TYPES } from '#domain';
import { MIN_SECRET_LENGTH } from '#webhooks';

/** Shape here; the rules (http(s) URL, known notification types) in the domain. */
export class RegisterWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/keyledger' }) @IsString() @MaxLength(2048) url!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES, isArray: true }) @IsArray() @ArrayMaxSize(32) @IsString({ each: true }) events!: string[];
  @ApiPropertyOptional({
    description: `signing secret (${MIN_SECRET_LENGTH}-256 printable ASCII characters); generated and returned once when omitted`,
  })
  @IsOptional()
  @IsString()
  @MinLength(MIN_SECRET_LENGTH)
  @MaxLength(256)
  @Matches(/^[\x21-\x7e]+$/, { message: 'secret must be printable ASCII without spaces' })
  secret?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) description?: string | null;
}
