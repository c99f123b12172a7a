import type { RecordedEvent } from '#event-store';
import { toAuditEntries } from './map.js';

const at = '2026-03-01T10:00:00.000Z';
const credentialId = '6f1c2a7e-3b9d-4e51-8a0f-2d4c6b8e1f30';
const sealed = { ciphertext: 'kl1.dek-1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB', dekId: 'dek-1', preview: 'sk-p…9xQz' };

function event(type: string, data: Record<string, unknown>, overrides: Partial<RecordedEvent> = {}): RecordedEvent {
  return {
    globalPosition: 42,
    transactionId: '900',
    eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11',
    streamId: `credential-${credentialId}`,
    streamType: 'credential',
    streamVersion: 1,
    tenant: 'acme',
    type,
    data: { actor: 'alice', at, ...data },
    metadata: {},
    recordedAt: new Date('2026-03-01T10:00:01.000Z'),
    hash: 'aa',
    prevHash: null,
    ...overrides,
  };
}

const only = (e: RecordedEvent) => {
  const entries = toAuditEntries(e);
  expect(entries).toHaveLength(1);
  return entries[0]!;
};

describe('toAuditEntries', () => {
  it('places the entry at its event and takes actor, time, tenant and credential from it', () => {
    expect(only(event('CredentialDeactivated', { credentialId }))).toEqual({
      position: 42,
      transactionId: '900',
      entryIndex: 0,
      eventId: '5b0f6c0e-6a55-4d2f-9f49-2b1a2d9e0c11',
      eventType: 'CredentialDeactivated',
      tenant: 'acme',
      at,
      actor: 'alice',
      action: 'deactivated',
      outcome: 'success',
      credentialId,
      details: {},
    });
  });

  it.each<[string, Record<string, unknown>, { action: string; outcome?: string; details: Record<string, unknown> }]>([
    [
      'CredentialRegistered',
      {
        credentialType: 'openai',
        metadata: { name: 'openai-prod', extra: { host: 'x' } },
        secretVersion: 1,
        secret: sealed,
        tenant: 'acme',
      },
      { action: 'created', details: { name: 'openai-prod', credentialType: 'openai', secretVersion: 1 } },
    ],
    [
      'CredentialMetadataChanged',
      { changes: { name: 'renamed', labels: ['a'] } },
      { action: 'changed', details: { fields: ['labels', 'name'], name: 'renamed' } },
    ],
    ['SecretRotated', { secretVersion: 3, secret: sealed }, { action: 'rotated', details: { secretVersion: 3 } }],
    ['SecretReencrypted', { secretVersion: 3, secret: sealed }, { action: 'reencrypted', details: { secretVersion: 3 } }],
    ['CredentialRestored', {}, { action: 'restored', details: {} }],
    ['CredentialDestroyed', {}, { action: 'destroyed', details: {} }],
    [
      'SecretRevealed',
      { via: 'reveal', secretVersion: 2, clientIp: '10.0.0.1', userAgent: 'curl' },
      { action: 'revealed', details: { secretVersion: 2, clientIp: '10.0.0.1', userAgent: 'curl' } },
    ],
    [
      'SecretRevealed',
      { via: 'lookup', secretVersion: 2, clientIp: null, userAgent: null },
      { action: 'looked_up', details: { secretVersion: 2, clientIp: null, userAgent: null } },
    ],
    [
      'AccessDenied',
      { action: 'reveal', reason: 'forbidden', clientIp: '10.0.0.2', userAgent: 'svc' },
      {
        action: 'denied',
        outcome: 'denied',
        details: { attempted: 'reveal', reason: 'forbidden', clientIp: '10.0.0.2', userAgent: 'svc' },
      },
    ],
    [
      'CredentialGranted',
      { grantId: 'g1', grantee: { kind: 'team', id: 'ops' }, permission: 'use' },
      { action: 'granted', details: { grantId: 'g1', grantee: { kind: 'team', id: 'ops' }, permission: 'use' } },
    ],
    ['CredentialGrantRevoked', { grantId: 'g1' }, { action: 'grant_revoked', details: { grantId: 'g1' } }],
    ['CredentialTestRequested', { requestId: 'r1' }, { action: 'test_requested', details: { requestId: 'r1' } }],
    ['CredentialTestSucceeded', { requestId: 'r1', durationMs: 12 }, { action: 'tested', details: { requestId: 'r1', durationMs: 12 } }],
    [
      'CredentialTestFailed',
      { requestId: null, error: 'connection refused' },
      { action: 'tested', outcome: 'failed', details: { requestId: null, error: 'connection refused' } },
    ],
  ])('maps %s', (type, data, expected) => {
    expect(only(event(type, { credentialId, ...data }))).toMatchObject({ credentialId, outcome: 'success', ...expected });
  });

  it.each<[string, Record<string, unknown>, { action: string; outcome?: string; details: Record<string, unknown> }]>([
    [
      'PrincipalCreated',
      { principalId: 'p1', name: 'billing', role: 'service', teams: ['ops'] },
      { action: 'principal_created', details: { principalId: 'p1', name: 'billing', role: 'service', teams: ['ops'] } },
    ],
    [
      'TokenIssued',
      { principalId: 'p1', tokenId: 't1', expiresAt: null },
      { action: 'token_issued', details: { principalId: 'p1', tokenId: 't1', expiresAt: null } },
    ],
    ['TokenRevoked', { principalId: 'p1', tokenId: 't1' }, { action: 'token_revoked', details: { principalId: 'p1', tokenId: 't1' } }],
    [
      'KeyRotationRequested',
      { rotationId: 'r', mode: 'rewrap', targetKekId: 'k2' },
      { action: 'key_rotation_requested', details: { rotationId: 'r', mode: 'rewrap', targetKekId: 'k2' } },
    ],
    [
      'KeyRotationBatchCompleted',
      { rotationId: 'r', batch: 1, done: 10, failed: 0 },
      { action: 'key_rotation_batch_completed', outcome: 'success', details: { rotationId: 'r', batch: 1, done: 10, failed: 0 } },
    ],
    [
      'KeyRotationCompleted',
      { rotationId: 'r', total: 10, done: 9, failed: 1, durationMs: 5 },
      { action: 'key_rotation_completed', outcome: 'failed', details: { rotationId: 'r', total: 10, done: 9, failed: 1, durationMs: 5 } },
    ],
    [
      'KeyRotationFailed',
      { rotationId: 'r', reason: 'unknown kek' },
      { action: 'key_rotation_failed', outcome: 'failed', details: { rotationId: 'r', reason: 'unknown kek' } },
    ],
  ])('maps %s, which concerns no credential', (type, data, expected) => {
    expect(only(event(type, data, { streamId: 'x', streamType: 'principal' }))).toMatchObject({
      credentialId: null,
      outcome: 'success',
      ...expected,
    });
  });

  it('records a denied lookup with no credential id', () => {
    expect(only(event('AccessDenied', { credentialId: null, action: 'lookup', reason: 'not_found' }))).toMatchObject({
      action: 'denied',
      outcome: 'denied',
      credentialId: null,
      details: { attempted: 'lookup', reason: 'not_found' },
    });
  });

  it('records a check of an unsaved credential on no credential, with its type, target, outcome and duration', () => {
    const tried = { credentialType: 'http_basic', name: 'intranet', target: 'https://intranet.example/login', checked: true };
    const client = { clientIp: '10.0.0.2', userAgent: 'cli' };
    const passed = event(
      'UnsavedCredentialTested',
      { ...tried, ok: true, durationMs: 41, error: null, ...client },
      { streamId: 'principal-access-alice' },
    );
    expect(only(passed)).toMatchObject({
      action: 'tested_unsaved',
      outcome: 'success',
      credentialId: null,
      details: { ...tried, durationMs: 41, error: null, ...client },
    });
    const failed = event('UnsavedCredentialTested', {
      ...tried,
      ok: false,
      durationMs: 12,
      error: 'HTTP 401 from https://intranet.example/login',
    });
    expect(only(failed)).toMatchObject({
      action: 'tested_unsaved',
      outcome: 'failed',
      details: { error: 'HTTP 401 from https://intranet.example/login' },
    });
  });

  it('gives an unknown event type a generic entry named after it, without secrets', () => {
    const entry = only(
      event('WebhookDelivered', {
        credentialId,
        url: 'https://hooks',
        token: 'hunter2',
        nested: { secret: 's', ok: true },
        wrapped: 'kw1.k1.x.y',
        note: sealed.ciphertext,
      }),
    );
    expect(entry).toMatchObject({ action: 'WebhookDelivered', outcome: 'success', credentialId });
    expect(entry.details).toEqual({ url: 'https://hooks', nested: { ok: true }, note: '[redacted]' });
  });

  it('never lets a ciphertext, a sealed envelope or a secret member through', () => {
    const types = ['CredentialRegistered', 'SecretRotated', 'SecretReencrypted', 'Unmapped'];
    for (const type of types) {
      const text = JSON.stringify(toAuditEntries(event(type, { credentialId, secret: sealed, secretVersion: 2, metadata: { name: 'n' } })));
      expect(text).not.toContain('kl1.');
      expect(text).not.toContain('ciphertext');
      expect(text).not.toContain(sealed.ciphertext.slice(10));
    }
  });

  it('falls back to the metadata and the recording time, and caps long text', () => {
    const entry = only(
      event('CredentialTestFailed', { actor: undefined, at: 'not a time', error: 'x'.repeat(2000) }, { metadata: { actor: 'bob' } }),
    );
    expect(entry).toMatchObject({ actor: 'bob', at: '2026-03-01T10:00:01.000Z' });
    expect((entry.details.error as string).length).toBeLessThanOrEqual(501);
    expect(only(event('CredentialRestored', { actor: undefined }))).toMatchObject({ actor: 'unknown' });
  });
});
