import { ApiProperty } from '@nestjs/swagger';

export class ReplayAcceptedResponse {
  @ApiProperty({ format: 'uuid' }) deliveryId!: string;
  @ApiProperty({ description: 'the replay number of this delivery, from 1' }) replay!: number;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
}
