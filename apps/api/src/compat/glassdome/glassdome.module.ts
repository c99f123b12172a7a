import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CredentialsModule } from '../../credentials/credentials.module.js';
import { GlassdomeController } from './glassdome.controller.js';
import { GlassdomeCredentialTest } from './glassdome-test.js';

/** Glassdome's form, test and rotate routes over Keyledger's catalogue and credential commands. */
@Module({
  imports: [CqrsModule, CredentialsModule],
  controllers: [GlassdomeController],
  providers: [GlassdomeCredentialTest],
})
export class GlassdomeModule {}
