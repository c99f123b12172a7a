import { KeyledgerError } from '../errors.js';
import { decide } from './decide.js';
import { foldCredential } from './evolve.js';
import { isTestResultDue } from './health.js';
import type { CommandMetadata, CredentialCommand, CredentialEvent, TestOutcome, TestTrigger } from './types.js';

const id = 'cred-1';
const user: CommandMetadata = { actor: 'alice', now: '2026-03-01T00:00:00.000Z' };
const worker: CommandMetadata = { actor: 'system:worker', now: '2026-03-01T00:00:05.000Z' };
const by = (m: CommandMetadata) => ({ credentialId: id, actor: m.actor, at: m.now });

const registered: CredentialEvent = {
  type: 'CredentialRegistered',
  data: {
    ...by(user),
    tenant: 't1',
    credentialType: 'postgres',
    metadata: { name: 'db', username: 'app', host: 'db', purpose: null, extra: {}, labels: [], description: null, expiresAt: null },
    secretVersion: 1,
    secret: { ciphertext: 'kl1.d.n.c', dekId: 'd', preview: '••••' },
  },
};
const requested = (requestId: string): CredentialEvent => ({ type: 'CredentialTestRequested', data: { ...by(user), requestId } });
const request = (requestId: string): CredentialCommand => ({
  type: 'RequestCredentialTest',
  data: { credentialId: id, requestId },
  metadata: user,
});
const result = (trigger: TestTrigger, outcome: TestOutcome): CredentialCommand => ({
  type: 'RecordCredentialTestResult',
  data: { credentialId: id, ...trigger, ...outcome },
  metadata: worker,
});
const ok: TestOutcome = { ok: true, durationMs: 12 };
const refused: TestOutcome = { ok: false, durationMs: 3, error: 'connection refused by db:5432' };
const slot = (hour: number) => ({ requestId: null, slot: `2026-03-01T${String(hour).padStart(2, '0')}:00:00.000Z` });

/** given: past events; when: a command; then: the events it decides (fed back by `then`). */
function given(events: CredentialEvent[]) {
  return { when: (command: CredentialCommand) => decide(command, foldCredential(events)) };
}

describe('RequestCredentialTest', () => {
  it('records the request with its id', () => {
    expect(given([registered]).when(request('r1'))).toEqual([requested('r1')]);
  });

  it('is idempotent per request id while the request is pending', () => {
    expect(given([registered, requested('r1')]).when(request('r1'))).toEqual([]);
  });

  it('refuses a deactivated credential (409 CREDENTIAL_INACTIVE) and a destroyed one (CREDENTIAL_DESTROYED)', () => {
    const deactivated: CredentialEvent = { type: 'CredentialDeactivated', data: by(user) };
    const destroyed: CredentialEvent = { type: 'CredentialDestroyed', data: by(user) };
    expect(() => given([registered, deactivated]).when(request('r1'))).toThrow(expect.objectContaining({ code: 'CREDENTIAL_INACTIVE' }));
    expect(() => given([registered, destroyed]).when(request('r1'))).toThrow(KeyledgerError);
    expect(() => given([registered, destroyed]).when(request('r1'))).toThrow(/destroyed/);
  });
});

describe('RecordCredentialTestResult', () => {
  it('records a success for a pending request, once', () => {
    const events = given([registered, requested('r1')]).when(result({ requestId: 'r1', slot: null }, ok));
    expect(events).toEqual([{ type: 'CredentialTestSucceeded', data: { ...by(worker), requestId: 'r1', slot: null, durationMs: 12 } }]);
    expect(given([registered, requested('r1'), ...events]).when(result({ requestId: 'r1', slot: null }, ok))).toEqual([]);
  });

  it('ignores a result for a request that was never made', () => {
    expect(given([registered]).when(result({ requestId: 'nope', slot: null }, ok))).toEqual([]);
  });

  it('alerts when the credential starts failing: first failure ever, or first after a success', () => {
    const first = given([registered, requested('r1')]).when(result({ requestId: 'r1', slot: null }, refused));
    expect(first.map((e) => e.type)).toEqual(['CredentialTestFailed', 'CredentialHealthAlerted']);
    expect(first[1]!.data).toEqual({ ...by(worker), requestId: 'r1', slot: null, error: 'connection refused by db:5432' });
    const recovered = given([registered]).when(result(slot(1), ok));
    const again = given([registered, ...recovered]).when(result(slot(2), refused));
    expect(again.map((e) => e.type)).toEqual(['CredentialTestFailed', 'CredentialHealthAlerted']);
  });

  it('does not alert again while it keeps failing', () => {
    const failing = given([registered]).when(result(slot(1), refused));
    expect(
      given([registered, ...failing])
        .when(result(slot(2), refused))
        .map((e) => e.type),
    ).toEqual(['CredentialTestFailed']);
  });

  it('records each scheduled slot once and ignores a late result for an older slot', () => {
    const at2 = given([registered]).when(result(slot(2), ok));
    expect(at2).toHaveLength(1);
    expect(given([registered, ...at2]).when(result(slot(2), ok))).toEqual([]);
    expect(given([registered, ...at2]).when(result(slot(1), refused))).toEqual([]);
    expect(given([registered, ...at2]).when(result(slot(3), ok))).toHaveLength(1);
  });

  it('leaves updatedAt and updatedBy alone: a check observes the credential, it does not change it', () => {
    const state = foldCredential([
      registered,
      requested('r1'),
      ...given([registered, requested('r1')]).when(result({ requestId: 'r1', slot: null }, refused)),
    ]);
    expect(state).toMatchObject({
      updatedAt: user.now,
      updatedBy: 'alice',
      health: { lastStatus: 'failed', pendingRequests: [], lastSlot: null },
    });
  });
});

describe('isTestResultDue', () => {
  it('answers what decide would: pending requests and later slots only', () => {
    const health = { lastStatus: 'ok' as const, pendingRequests: ['r1'], lastSlot: slot(2).slot };
    expect(isTestResultDue(health, { requestId: 'r1', slot: null })).toBe(true);
    expect(isTestResultDue(health, { requestId: 'r2', slot: null })).toBe(false);
    expect(isTestResultDue(health, slot(2))).toBe(false);
    expect(isTestResultDue(health, slot(3))).toBe(true);
  });
});
