import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SecretVersionResponse {
  @ApiProperty() secretVersion!: number;
  @ApiProperty({ example: 'sk-p…9xQz' }) preview!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty({ description: 'true for the version reveal returns' }) current!: boolean;
}

export class SecretVersionsResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty({ type: [SecretVersionResponse] }) versions!: SecretVersionResponse[];
}

export class StreamEventResponse {
  @ApiProperty() position!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'SecretRotated' }) type!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'event data; secrets appear only as a masked preview' })
  data!: Record<string, unknown>;
  @ApiPropertyOptional() hash!: string;
}

export class StreamEventsResponse {
  @ApiProperty({ format: 'uuid' }) credentialId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [StreamEventResponse] }) events!: StreamEventResponse[];
}
