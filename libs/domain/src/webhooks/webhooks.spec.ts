import { KeyledgerError, ValidationError } from '../errors.js';
import { decideWebhook } from './decide.js';
import { foldWebhook } from './evolve.js';
import { notificationOf, NOTIFYING_EVENT_TYPES } from './notifications.js';
import type { WebhookCommand } from './types.js';

const metadata = { actor: 'admin-1', now: '2026-11-22T10:00:00.000Z' };
const register = (data: Record<string, unknown> = {}): WebhookCommand => ({
  type: 'RegisterWebhook',
  data: {
    webhookId: 'w-1',
    tenant: 't1',
    url: 'https://hooks.example.com/in',
    events: ['credential.expired', 'credential.expiring', 'credential.expired'],
    ...data,
  },
  metadata,
});
const change = (changes: Record<string, unknown>): WebhookCommand => ({
  type: 'ChangeWebhook',
  data: { webhookId: 'w-1', changes },
  metadata,
});

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map((i) => i.field);
    throw error;
  }
  throw new Error('expected a validation error');
}

const registered = decideWebhook(register(), { status: 'absent' });

describe('webhook decide', () => {
  it('registers with events de-duplicated and sorted, and without any secret', () => {
    expect(registered).toEqual([
      {
        type: 'WebhookRegistered',
        data: {
          webhookId: 'w-1',
          tenant: 't1',
          url: 'https://hooks.example.com/in',
          events: ['credential.expired', 'credential.expiring'],
          description: null,
          actor: 'admin-1',
          at: metadata.now,
        },
      },
    ]);
  });

  it('accepts http(s) URLs only, without credentials in them, and known notification types only', () => {
    for (const url of ['ftp://x.example/in', 'javascript:alert(1)', 'not a url', 'https://user:pw@hooks.example.com/', 42]) {
      expect(issuesOf(() => decideWebhook(register({ url }), { status: 'absent' }))).toEqual(['url']);
    }
    expect(issuesOf(() => decideWebhook(register({ events: [] }), { status: 'absent' }))).toEqual(['events']);
    expect(issuesOf(() => decideWebhook(register({ events: ['credential.expired', 'credential.read'] }), { status: 'absent' }))).toEqual([
      'events.1',
    ]);
    expect(issuesOf(() => decideWebhook(register({ description: 'x'.repeat(501) }), { status: 'absent' }))).toEqual(['description']);
  });

  it('records only what a change actually changes, and refuses unknown fields', () => {
    const state = foldWebhook(registered);
    expect(decideWebhook(change({ url: 'https://hooks.example.com/in', active: true }), state)).toEqual([]);
    const [changed] = decideWebhook(change({ active: false, events: ['credential.rotated'] }), state);
    expect(changed).toMatchObject({ type: 'WebhookChanged', data: { changes: { active: false, events: ['credential.rotated'] } } });
    expect(foldWebhook([...registered, changed!])).toMatchObject({ active: false, events: ['credential.rotated'] });
    expect(issuesOf(() => decideWebhook(change({ secret: 'x', active: 'no' }), state))).toEqual(['secret', 'active']);
  });

  it('deletes once; a deleted or unknown webhook is not found', () => {
    const deleted = decideWebhook({ type: 'DeleteWebhook', data: { webhookId: 'w-1' }, metadata }, foldWebhook(registered));
    const state = foldWebhook([...registered, ...deleted]);
    expect(state.status).toBe('deleted');
    for (const s of [state, { status: 'absent' } as const]) {
      expect(() => decideWebhook(change({ active: true }), s)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
    expect(() => decideWebhook(register(), foldWebhook(registered))).toThrow(KeyledgerError);
  });
});

describe('notifications', () => {
  it('map each notifying event to its public type with listed fields only (never a sealed secret)', () => {
    const rotated = {
      type: 'SecretRotated',
      data: { credentialId: 'c', actor: 'a', at: 't', secretVersion: 2, secret: { ciphertext: 'kl1.x', dekId: 'd', preview: 'p' } },
    };
    expect(notificationOf(rotated)).toEqual({ type: 'credential.rotated', data: { credentialId: 'c', actor: 'a', secretVersion: 2 } });
    const alert = {
      type: 'CredentialHealthAlerted',
      data: { credentialId: 'c', actor: 'system:worker', at: 't', requestId: null, slot: 's', error: 'refused' },
    };
    expect(notificationOf(alert)).toEqual({
      type: 'credential.health_alert',
      data: { credentialId: 'c', requestId: null, slot: 's', error: 'refused' },
    });
    expect(
      notificationOf({
        type: 'CredentialExpiryReminded',
        data: { credentialId: 'c', threshold: '7d', thresholdSeconds: 604800, expiresAt: 'x' },
      })?.type,
    ).toBe('credential.expiring');
    expect(notificationOf({ type: 'SecretRevealed', data: { credentialId: 'c' } })).toBeNull();
    expect(notificationOf({ type: 'toString', data: {} })).toBeNull();
    expect(NOTIFYING_EVENT_TYPES).toEqual(
      expect.arrayContaining(['CredentialExpired', 'CredentialDestroyed', 'KeyRotationCompleted', 'KeyRotationFailed']),
    );
  });
});
