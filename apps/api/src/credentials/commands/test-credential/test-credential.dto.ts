import { ApiProperty } from '@nestjs/swagger';

export class TestCredentialResponse {
  @ApiProperty({
    example: 'test.6f1c…-…e2.0b9a…-…41',
    description:
      'BullMQ job id of the check: test.<credentialId>.<requestId>. The result shows on the credential (lastTestedAt, lastTestStatus, lastTestError).',
  })
  jobId!: string;
}
