import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { KeyProvider } from '#crypto';
import { Clock, IdSource } from '#event-store';
import { startKeyRotation } from '#key-rotation';
import { IdempotentCommands, type StoredResponse } from '../../../http/idempotency.js';
import { KEY_PROVIDER } from '#runtime';
import { StartKeyRotationCommand } from './start-key-rotation.command.js';
import type { KeyRotationStartedResponse } from './start-key-rotation.dto.js';

/** Records the request (the dispatcher turns it into the planning job) and answers 202 with its id. */
@CommandHandler(StartKeyRotationCommand)
export class StartKeyRotationHandler implements ICommandHandler<StartKeyRotationCommand> {
  constructor(
    private readonly idempotent: IdempotentCommands,
    @Inject(KEY_PROVIDER) private readonly keys: KeyProvider,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  execute({ context, mode }: StartKeyRotationCommand): Promise<StoredResponse<KeyRotationStartedResponse>> {
    const { principal } = context;
    return this.idempotent.run(context, (em) =>
      em.transactional(async (tx) => {
        const rotationId = this.ids.uuid();
        // The API's active master key is the target: the one new data keys are already wrapped by.
        const env = { clock: this.clock, ids: this.ids };
        await startKeyRotation(tx, {
          rotationId,
          mode,
          targetKekId: this.keys.activeKekId,
          tenant: principal.tenant,
          actor: principal.id,
          env,
        });
        return { statusCode: 202, body: { rotationId } };
      }),
    );
  }
}
