import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import type { KeyProvider } from '#crypto';
import { startKeyRotation } from '#key-rotation';
import { claimIdempotencyKey, rememberResponse, type StoredResponse } from '../../../credentials/idempotency.js';
import { CONFIG, KEY_PROVIDER, ORM } from '#runtime';
import { StartKeyRotationCommand } from './start-key-rotation.command.js';
import type { KeyRotationStartedResponse } from './start-key-rotation.dto.js';

/** Records the request (the dispatcher turns it into the planning job) and answers 202 with its id. */
@CommandHandler(StartKeyRotationCommand)
export class StartKeyRotationHandler implements ICommandHandler<StartKeyRotationCommand> {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    @Inject(KEY_PROVIDER) private readonly keys: KeyProvider,
  ) {}

  execute({ context, mode }: StartKeyRotationCommand): Promise<StoredResponse<KeyRotationStartedResponse>> {
    const { principal, idempotency } = context;
    return this.orm.em.fork().transactional(async (tx) => {
      if (idempotency) {
        const replay = await claimIdempotencyKey<KeyRotationStartedResponse>(tx, principal.tenant, idempotency, this.config.idempotencyTtlHours);
        if (replay) return replay;
      }
      const rotationId = randomUUID();
      // The API's active master key is the target: the one new data keys are already wrapped by.
      const data = { rotationId, mode, targetKekId: this.keys.activeKekId };
      const metadata = { actor: principal.id, now: new Date().toISOString() };
      await startKeyRotation(tx, principal.tenant, { type: 'RequestKeyRotation', data, metadata });
      const response = { statusCode: 202, body: { rotationId }, replayed: false };
      if (idempotency) await rememberResponse(tx, principal.tenant, idempotency, response);
      return response;
    });
  }
}
