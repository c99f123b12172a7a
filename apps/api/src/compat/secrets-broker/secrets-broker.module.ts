import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CredentialsModule } from '../../credentials/credentials.module.js';
import { BrokerErrorFilter } from './broker-error.filter.js';
import { SecretsBrokerCommands } from './secrets-broker.commands.js';
import { SecretsBrokerController } from './secrets-broker.controller.js';

/** The secrets broker's /internal/secrets routes over Keyledger's credential commands. */
@Module({
  imports: [CqrsModule, CredentialsModule],
  controllers: [SecretsBrokerController],
  providers: [SecretsBrokerCommands, BrokerErrorFilter],
})
export class SecretsBrokerModule {}
