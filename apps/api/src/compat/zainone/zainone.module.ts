import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CredentialsModule } from '../../credentials/credentials.module.js';
import { ZainOneController } from './zainone.controller.js';

/** ZainOne's /api/credentials routes over Keyledger's credential commands and queries. */
@Module({
  imports: [CqrsModule, CredentialsModule],
  controllers: [ZainOneController],
})
export class ZainOneModule {}
