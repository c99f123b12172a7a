import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandContextFactory } from '../http/command-context.js';
import { IdempotentCommands } from '../http/idempotency.js';
import { StartKeyRotationController } from './commands/start-key-rotation/start-key-rotation.controller.js';
import { StartKeyRotationHandler } from './commands/start-key-rotation/start-key-rotation.handler.js';
import { GetKeyRotationController } from './queries/get-key-rotation/get-key-rotation.controller.js';
import { GetKeyRotationHandler } from './queries/get-key-rotation/get-key-rotation.handler.js';
import { ListKeyRotationsController } from './queries/list-key-rotations/list-key-rotations.controller.js';
import { ListKeyRotationsHandler } from './queries/list-key-rotations/list-key-rotations.handler.js';
import { ListKeysController } from './queries/list-keys/list-keys.controller.js';
import { ListKeysHandler } from './queries/list-keys/list-keys.handler.js';

/** Master keys: the keyring's status and master-key rotations (admins only; process-wide). */
@Module({
  imports: [CqrsModule],
  controllers: [ListKeysController, StartKeyRotationController, ListKeyRotationsController, GetKeyRotationController],
  providers: [
    CommandContextFactory,
    IdempotentCommands,
    StartKeyRotationHandler,
    ListKeyRotationsHandler,
    GetKeyRotationHandler,
    ListKeysHandler,
  ],
})
export class KeysModule {}
