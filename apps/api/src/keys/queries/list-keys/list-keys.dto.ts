import { ApiProperty } from '@nestjs/swagger';

export class KekStatusResponse {
  @ApiProperty({ example: 'k2' }) kekId!: string;
  @ApiProperty({ description: 'wraps every new data key' }) active!: boolean;
  @ApiProperty({ description: "in this API process's KEYLEDGER_MASTER_KEYS" }) inKeyring!: boolean;
  @ApiProperty({ description: 'stored data keys it wraps; at 0 no data key needs it any more' }) dataKeys!: number;
}

export class KeyringResponse {
  @ApiProperty({ type: [KekStatusResponse], description: 'the keyring (active first), then any other master key stored data keys name' })
  keys!: KekStatusResponse[];
}
