import type { WebhookEvent, WebhookState } from './types.js';

/** Total, like every evolve here: an event that cannot apply leaves the state unchanged. */
export function evolveWebhook(state: WebhookState, event: WebhookEvent): WebhookState {
  if (event.type === 'WebhookRegistered') {
    if (state.status !== 'absent') return state;
    const { webhookId, tenant, url, events, description } = event.data;
    return { status: 'registered', webhookId, tenant, url, events, description, active: true };
  }
  if (state.status !== 'registered') return state;
  if (event.type === 'WebhookDeleted') return { ...state, status: 'deleted', active: false };
  return { ...state, ...event.data.changes };
}

export function foldWebhook(events: WebhookEvent[]): WebhookState {
  return events.reduce(evolveWebhook, { status: 'absent' } as WebhookState);
}
