import { ApiProperty } from '@nestjs/swagger';

export class KekStatusResponse {
  @ApiProperty({ example: 'k2' }) kekId!: string;
  @ApiProperty({ description: 'wraps every new data key' }) active!: boolean;
  @ApiProperty({ description: "in this API process's KEYLEDGER_MASTER_KEYS" }) inKeyring!: boolean;
  @ApiProperty({ description: 'stored data keys it wraps; at 0 no data key needs it any more' }) dataKeys!: number;
  @ApiProperty({ description: 'event seals made under it: they verify only while it is in the keyring' }) sealedEvents!: number;
}

export class KeyringResponse {
  @ApiProperty({ type: [KekStatusResponse], description: 'the keyring (active first), then any other master key stored data keys or seals name' })
  keys!: KekStatusResponse[];
}
