import { ApiProperty } from '@nestjs/swagger';

export class UnsavedTestResponse {
  @ApiProperty({ description: 'true when the credential worked against its target' })
  ok!: boolean;
  @ApiProperty({ description: 'false when no health check applies to the type and settings (ok is then false)' })
  checked!: boolean;
  @ApiProperty({
    example: 'HTTP 401 from https://intranet.example/login: the credentials were refused',
    description: 'what was checked where, or what failed; never the secret',
  })
  message!: string;
  @ApiProperty({ example: 84 })
  durationMs!: number;
}
