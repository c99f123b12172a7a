import { KeyledgerError, ValidationError } from '../errors.js';
import { jsonEqual } from '../shared/json.js';
import type { ChangeWebhook, RegisterWebhook, Webhook, WebhookChanges, WebhookCommand, WebhookEvent, WebhookState } from './types.js';
import { validateChanges, validateRegistration } from './validate.js';

export function decideWebhook(command: WebhookCommand, state: WebhookState): WebhookEvent[] {
  if (command.type === 'RegisterWebhook') return register(command, state);
  if (state.status !== 'registered') throw new KeyledgerError('NOT_FOUND', `webhook ${command.data.webhookId} not found`);
  const base = { webhookId: state.webhookId, actor: command.metadata.actor, at: command.metadata.now };
  if (command.type === 'DeleteWebhook') return [{ type: 'WebhookDeleted', data: base }];
  const changes = changed(state, command);
  return Object.keys(changes).length === 0 ? [] : [{ type: 'WebhookChanged', data: { ...base, changes } }];
}

function register(command: RegisterWebhook, state: WebhookState): WebhookEvent[] {
  if (state.status !== 'absent') throw new KeyledgerError('INVALID_STATE', `webhook ${command.data.webhookId} already exists`);
  const { issues, settings } = validateRegistration(command.data);
  if (issues.length > 0) throw new ValidationError('the webhook is not valid', issues);
  const { webhookId, tenant } = command.data;
  return [{ type: 'WebhookRegistered', data: { webhookId, tenant, ...settings, actor: command.metadata.actor, at: command.metadata.now } }];
}

/** The requested changes that differ from the current settings. */
function changed(state: Webhook, command: ChangeWebhook): WebhookChanges {
  const { issues, changes } = validateChanges(command.data.changes);
  if (issues.length > 0) throw new ValidationError('the webhook change is not valid', issues);
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (!jsonEqual(state[key as keyof WebhookChanges], value)) result[key] = value;
  }
  return result;
}
