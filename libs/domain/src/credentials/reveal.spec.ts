import { AccessDeniedError } from '../access/denial.js';
import type { AccessSubject, GrantRef } from '../access/policy.js';
import type { AccessChannel } from '../access/types.js';
import { KeyledgerError } from '../errors.js';
import type { Role } from '../principals/types.js';
import { decideReveal, type RevealCandidate, type RevealContext, type RevealTarget } from './reveal.js';

const now = '2026-03-31T12:00:00.000Z';
const before = '2026-03-31T11:59:59.999Z';
const after = '2026-03-31T12:00:00.001Z';

const subject = (role: Role, tenant = 'acme'): AccessSubject => ({ id: `${role}-1`, tenant, role, teams: ['payments'] });
const use = (role: string): GrantRef => ({ grantee: { kind: 'principal', id: `${role}-1` }, permission: 'use' });
const manage = (role: string): GrantRef => ({ grantee: { kind: 'principal', id: `${role}-1` }, permission: 'manage' });

const credential = (changes: Partial<RevealCandidate> = {}): RevealCandidate => ({
  id: 'cred-1',
  name: 'billing-db',
  tenant: 'acme',
  grants: [],
  status: 'active',
  hasSecret: true,
  expiresAt: null,
  ...changes,
});
const byId: RevealTarget = { id: 'cred-1' };
const byName: RevealTarget = { name: 'billing-db' };
const byHost: RevealTarget = { host: 'db.internal', purpose: 'billing' };
const lenient: RevealContext = { now, refuseExpired: false };
const strict: RevealContext = { now, refuseExpired: true };

/** Given what the reveal's read found (and the configuration at `now`), when a subject asks for a target. */
function given(candidates: RevealCandidate[], context: RevealContext = lenient) {
  return {
    when: (who: AccessSubject, target: RevealTarget, via: AccessChannel = 'id' in target ? 'reveal' : 'lookup') =>
      decideReveal({ subject: who, target, via }, candidates, context),
  };
}

function refusalOf(decision: ReturnType<typeof decideReveal>): KeyledgerError {
  if (decision.allowed) throw new Error('expected a refusal, the reveal was allowed');
  return decision.refused;
}

describe('decideReveal: a reveal or lookup that is answered', () => {
  it('allows an active credential with its secret and no expiry, not expired, and hands back the candidate read', () => {
    const found = { ...credential(), secret_ciphertext: 'kl1.d.n.c' };
    const decision = given([found]).when(subject('admin'), byId);
    expect(decision).toEqual({ allowed: true, credential: found, expired: false });
    expect(decision.allowed && decision.credential).toBe(found);
  });

  it('allows a service with a use grant, to itself or to one of its teams, by id, by name and by host/purpose', () => {
    const team: GrantRef = { grantee: { kind: 'team', id: 'payments' }, permission: 'use' };
    for (const grants of [[use('service')], [team]]) {
      for (const target of [byId, byName, byHost]) {
        expect(given([credential({ grants })]).when(subject('service'), target)).toMatchObject({ allowed: true, expired: false });
      }
    }
  });

  it('does not call a credential expired before its expiresAt', () => {
    expect(given([credential({ expiresAt: after })], strict).when(subject('admin'), byId)).toMatchObject({ allowed: true, expired: false });
  });

  it('answers an expired credential flagged when expired credentials are not refused, from expiresAt = now on', () => {
    for (const expiresAt of [now, before]) {
      expect(given([credential({ expiresAt })]).when(subject('admin'), byId)).toMatchObject({ allowed: true, expired: true });
      expect(given([credential({ expiresAt })]).when(subject('admin'), byName)).toMatchObject({ allowed: true, expired: true });
    }
  });
});

describe('decideReveal: nothing, or too much, found', () => {
  it('refuses a reveal of an id the read did not find as NOT_FOUND, recorded on that id', () => {
    const refused = refusalOf(given([]).when(subject('admin'), byId));
    expect(refused).toBeInstanceOf(AccessDeniedError);
    expect(refused).toMatchObject({
      code: 'NOT_FOUND',
      message: 'credential cred-1 not found',
      reason: 'not_found',
      credentialId: undefined,
    });
  });

  it('refuses a lookup that matches nothing as NOT_FOUND, saying what was looked for, recorded on the caller', () => {
    expect(refusalOf(given([]).when(subject('admin'), byName))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'no credential named "billing-db"',
      reason: 'not_found',
      credentialId: undefined,
    });
    expect(refusalOf(given([]).when(subject('admin'), byHost))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'no active credential for host "db.internal" and purpose "billing"',
      reason: 'not_found',
      credentialId: undefined,
    });
  });

  it('refuses an ambiguous host/purpose lookup as INVALID_STATE, listing the matches, and does not record it', () => {
    const other = credential({ id: 'cred-2', name: 'billing-db-2' });
    const refused = refusalOf(given([credential(), other]).when(subject('admin'), byHost));
    expect(refused).not.toBeInstanceOf(AccessDeniedError);
    expect(refused).toMatchObject({
      code: 'INVALID_STATE',
      message: 'more than one active credential matches this host and purpose; look it up by name',
      details: {
        matches: [
          { id: 'cred-1', name: 'billing-db' },
          { id: 'cred-2', name: 'billing-db-2' },
        ],
      },
    });
  });
});

describe('decideReveal: the access policy', () => {
  it('refuses a reveal of a credential the caller may not see exactly like a missing one (404)', () => {
    for (const [who, grants] of [
      [subject('service'), []],
      [subject('admin', 'other-tenant'), []],
      [subject('service'), [use('other')]],
    ] as const) {
      expect(refusalOf(given([credential({ grants })]).when(who, byId))).toMatchObject({
        code: 'NOT_FOUND',
        message: 'credential cred-1 not found',
        reason: 'not_found',
        credentialId: undefined,
      });
    }
  });

  it('refuses a reveal of a credential the caller sees but may not reveal as FORBIDDEN (403)', () => {
    for (const [who, grants] of [
      [subject('operator'), []],
      [subject('auditor'), []],
      [subject('service'), [manage('service')]],
    ] as const) {
      expect(refusalOf(given([credential({ grants })]).when(who, byId))).toMatchObject({
        code: 'FORBIDDEN',
        message: 'you may not reveal credential cred-1',
        reason: 'forbidden',
        details: { action: 'reveal' },
      });
    }
  });

  it('refuses a lookup of a credential the caller may not use as not found, never FORBIDDEN', () => {
    for (const [who, grants] of [
      [subject('operator'), []],
      [subject('service'), [manage('service')]],
      [subject('admin', 'other'), []],
    ] as const) {
      expect(refusalOf(given([credential({ grants })]).when(who, byName))).toMatchObject({
        code: 'NOT_FOUND',
        message: 'no credential named "billing-db"',
        reason: 'not_found',
        credentialId: undefined,
      });
    }
  });

  it('applies the policy before the credential’s state: a hidden destroyed credential is not found, not destroyed', () => {
    expect(refusalOf(given([credential({ status: 'destroyed', hasSecret: false })]).when(subject('service'), byId))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('decideReveal: the credential’s state', () => {
  it('refuses a destroyed credential, or one whose secret is gone, as CREDENTIAL_DESTROYED', () => {
    for (const dead of [credential({ status: 'destroyed', hasSecret: false }), credential({ hasSecret: false })]) {
      expect(refusalOf(given([dead]).when(subject('admin'), byId))).toMatchObject({
        code: 'CREDENTIAL_DESTROYED',
        message: 'credential was destroyed; its secret is gone for good',
        reason: 'destroyed',
        credentialId: undefined,
      });
    }
  });

  it('refuses an inactive credential as CREDENTIAL_INACTIVE', () => {
    expect(refusalOf(given([credential({ status: 'inactive' })]).when(subject('admin'), byId))).toMatchObject({
      code: 'CREDENTIAL_INACTIVE',
      message: 'credential is deactivated; restore it to reveal its secret',
      reason: 'inactive',
      credentialId: undefined,
    });
  });

  it('refuses an expired credential as CREDENTIAL_EXPIRED with its expiresAt when expired credentials are refused', () => {
    expect(refusalOf(given([credential({ expiresAt: now })], strict).when(subject('admin'), byId))).toMatchObject({
      code: 'CREDENTIAL_EXPIRED',
      message: `credential expired at ${now}; extend expiresAt or rotate it to use it again`,
      reason: 'expired',
      details: { expiresAt: now },
      credentialId: undefined,
    });
  });

  it('keeps the own refusal of a destroyed or inactive credential that has also expired', () => {
    const destroyed = credential({ status: 'destroyed', hasSecret: false, expiresAt: before });
    expect(refusalOf(given([destroyed], strict).when(subject('admin'), byId)).code).toBe('CREDENTIAL_DESTROYED');
    expect(refusalOf(given([credential({ status: 'inactive', expiresAt: before })], strict).when(subject('admin'), byId)).code).toBe(
      'CREDENTIAL_INACTIVE',
    );
  });

  it('records a lookup’s refusal on the credential it found', () => {
    const cases: Array<[RevealCandidate, RevealContext, string]> = [
      [credential({ status: 'destroyed', hasSecret: false }), lenient, 'CREDENTIAL_DESTROYED'],
      [credential({ status: 'inactive' }), lenient, 'CREDENTIAL_INACTIVE'],
      [credential({ expiresAt: before }), strict, 'CREDENTIAL_EXPIRED'],
    ];
    for (const [found, context, code] of cases) {
      for (const target of [byName, byHost]) {
        const refused = refusalOf(given([found], context).when(subject('admin'), target));
        expect(refused).toBeInstanceOf(AccessDeniedError);
        expect(refused).toMatchObject({ code, credentialId: 'cred-1' });
      }
    }
  });
});
