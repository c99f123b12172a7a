import type { RecordedEvent } from '#event-store';
import { webhookFanoutRoute } from './webhook-fanout.route.js';

const event = (type: string, data: Record<string, unknown> = {}) => ({ type, eventId: 'e-1', data }) as unknown as RecordedEvent;

describe('webhook fan-out route', () => {
  it('turns a notifying event into one fan-out job named after the event', () => {
    for (const type of ['CredentialExpiryReminded', 'CredentialExpired', 'CredentialHealthAlerted', 'SecretRotated', 'KeyRotationFailed']) {
      expect(webhookFanoutRoute.eventTypes).toContain(type);
      expect(webhookFanoutRoute.toJobs(event(type))).toEqual([{ name: 'fanout', jobId: 'fanout.e-1', data: { eventId: 'e-1' } }]);
    }
    expect(webhookFanoutRoute.eventTypes).not.toContain('SecretRevealed');
    expect(webhookFanoutRoute.eventTypes).not.toContain('WebhookDeliveryFailed');
  });

  it('turns a replay request into a replay job per delivery and replay number', () => {
    const data = { deliveryId: 'd-1', webhookId: 'w-1', eventId: 'e-0', replay: 2, actor: 'a', at: 't' };
    expect(webhookFanoutRoute.toJobs(event('WebhookDeliveryReplayRequested', data))).toEqual([
      { name: 'replay', jobId: 'replay.d-1.2', data: { deliveryId: 'd-1', webhookId: 'w-1', eventId: 'e-0', replay: 2 } },
    ]);
  });
});
