import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { Clock } from '#event-store';
import { findDelivery, recordDeliveryEvent, requestReplay } from '#webhooks';
import type { CommandContext } from '../../../http/command-context.js';
import { IdempotentCommands, type StoredResponse } from '../../../http/idempotency.js';
import { findVisibleWebhook } from '../../queries/list-webhooks/list-webhooks.handler.js';
import type { ReplayAcceptedResponse } from './replay-delivery.dto.js';
import { ReplayDeliveryCommand } from './replay-delivery.command.js';

/**
 * Sets a settled delivery pending again and records the request; the worker
 * dispatches that record like any committed event (nothing lost if Redis is
 * down now) into a new delivery job with its own deterministic id.
 */
@CommandHandler(ReplayDeliveryCommand)
export class ReplayDeliveryHandler implements ICommandHandler<ReplayDeliveryCommand> {
  constructor(
    private readonly idempotent: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  execute({ context, webhookId, deliveryId }: ReplayDeliveryCommand): Promise<StoredResponse<ReplayAcceptedResponse>> {
    return this.idempotent.run(context, (em) =>
      em.transactional(async (tx) => ({ statusCode: 202, body: await this.replay(tx, context, webhookId, deliveryId) })),
    );
  }

  private async replay(
    tx: EntityManager,
    { principal }: CommandContext,
    webhookId: string,
    deliveryId: string,
  ): Promise<ReplayAcceptedResponse> {
    const webhook = await findVisibleWebhook(tx, principal, webhookId);
    if (!webhook.active) throw new KeyledgerError('INVALID_STATE', `webhook ${webhookId} is inactive; activate it before replaying`);
    const replayed = await requestReplay(tx, webhookId, deliveryId);
    if (!replayed) {
      const delivery = await findDelivery(tx, webhookId, deliveryId);
      if (!delivery) throw new KeyledgerError('NOT_FOUND', `delivery ${deliveryId} not found`);
      throw new KeyledgerError('INVALID_STATE', `delivery ${deliveryId} is still pending`);
    }
    await recordDeliveryEvent(tx, webhook.tenant, {
      type: 'WebhookDeliveryReplayRequested',
      data: {
        webhookId,
        deliveryId,
        eventId: replayed.eventId,
        replay: replayed.replays,
        actor: principal.id,
        at: this.clock.now().toISOString(),
      },
    });
    return { deliveryId, replay: replayed.replays, status: 'pending' };
  }
}
