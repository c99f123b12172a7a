import { KeyledgerError } from '../errors.js';
import { eventBase } from './event-base.js';
import type {
  Credential,
  CredentialEvent,
  CredentialHealth,
  RecordCredentialTestResult,
  RequestCredentialTest,
  TestTrigger,
} from './types.js';

// Health checks: a request is recorded, the worker tests and records the
// result, and the first failure after a success (or after no test at all)
// raises one alert. Results are idempotent per trigger, so a job that runs
// twice records once.

export const NO_TESTS: CredentialHealth = Object.freeze({ lastStatus: null, pendingRequests: [], lastSlot: null });

export type HealthEvent = Extract<
  CredentialEvent,
  { type: 'CredentialTestRequested' | 'CredentialTestSucceeded' | 'CredentialTestFailed' | 'CredentialHealthAlerted' }
>;

const HEALTH_EVENT_TYPES = new Set([
  'CredentialTestRequested',
  'CredentialTestSucceeded',
  'CredentialTestFailed',
  'CredentialHealthAlerted',
]);

export function isHealthEvent(event: CredentialEvent): event is HealthEvent {
  return HEALTH_EVENT_TYPES.has(event.type);
}

export function requestTest(command: RequestCredentialTest, credential: Credential): CredentialEvent[] {
  if (credential.status === 'inactive') {
    throw new KeyledgerError('CREDENTIAL_INACTIVE', `credential ${credential.credentialId} is deactivated; restore it to test it`);
  }
  if (credential.health.pendingRequests.includes(command.data.requestId)) return [];
  return [{ type: 'CredentialTestRequested', data: { ...eventBase(command), requestId: command.data.requestId } }];
}

/**
 * Whether a result for this trigger would still be recorded: a request that
 * is pending, or a scheduled slot later than the last one recorded. The
 * worker asks before testing, `decide` again before recording.
 */
export function isTestResultDue(health: CredentialHealth, trigger: TestTrigger): boolean {
  if (trigger.requestId !== null) return health.pendingRequests.includes(trigger.requestId);
  return health.lastSlot === null || trigger.slot > health.lastSlot;
}

export function recordTestResult(command: RecordCredentialTestResult, credential: Credential): CredentialEvent[] {
  const { data } = command;
  if (!isTestResultDue(credential.health, data)) return [];
  const trigger = { requestId: data.requestId, slot: data.slot };
  const result = { ...eventBase(command), ...trigger, durationMs: data.durationMs };
  if (data.ok) return [{ type: 'CredentialTestSucceeded', data: result }];
  const failed: CredentialEvent = { type: 'CredentialTestFailed', data: { ...result, error: data.error } };
  if (credential.health.lastStatus === 'failed') return [failed];
  return [failed, { type: 'CredentialHealthAlerted', data: { ...eventBase(command), ...trigger, error: data.error } }];
}

export function evolveHealth(health: CredentialHealth, event: HealthEvent): CredentialHealth {
  switch (event.type) {
    case 'CredentialTestRequested':
      return { ...health, pendingRequests: [...health.pendingRequests, event.data.requestId] };
    case 'CredentialTestSucceeded':
    case 'CredentialTestFailed': {
      const { requestId, slot } = event.data;
      return {
        lastStatus: event.type === 'CredentialTestSucceeded' ? 'ok' : 'failed',
        pendingRequests: health.pendingRequests.filter((id) => id !== requestId),
        lastSlot: slot !== null && (health.lastSlot === null || slot > health.lastSlot) ? slot : health.lastSlot,
      };
    }
    case 'CredentialHealthAlerted':
      return health;
  }
}
