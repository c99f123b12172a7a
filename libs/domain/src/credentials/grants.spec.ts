import { expectRejected } from '../../../../test/support/expect-rejected.js';
import { decide } from './decide.js';
import { foldCredential } from './evolve.js';
import { activeGrants } from './grants.js';
import type { Credential, CommandMetadata, CredentialCommand, CredentialEvent, Grantee, GrantPermission } from './types.js';

const id = 'cred-1';
const t0 = '2026-01-01T00:00:00.000Z';
const t1 = '2026-01-02T00:00:00.000Z';
const admin: CommandMetadata = { actor: 'admin-1', now: t1 };
const billing: Grantee = { kind: 'principal', id: 'svc-billing' };
const payments: Grantee = { kind: 'team', id: 'payments' };

const registered: CredentialEvent = {
  type: 'CredentialRegistered',
  data: {
    credentialId: id,
    actor: 'alice',
    at: t0,
    tenant: 't1',
    credentialType: 'api_key',
    secretVersion: 1,
    secret: { ciphertext: 'kl1.d.n.c', dekId: 'd', preview: '••••••••' },
    metadata: { name: 'k', username: null, host: null, purpose: null, extra: {}, labels: [], description: null, expiresAt: null },
  },
};
const granted = (grantId: string, grantee: Grantee, permission: GrantPermission, at = t0): CredentialEvent => ({
  type: 'CredentialGranted',
  data: { credentialId: id, actor: 'admin-1', at, grantId, grantee, permission },
});
const revoked = (grantId: string): CredentialEvent => ({
  type: 'CredentialGrantRevoked',
  data: { credentialId: id, actor: 'admin-1', at: t1, grantId },
});
const destroyed: CredentialEvent = { type: 'CredentialDestroyed', data: { credentialId: id, actor: 'alice', at: t0 } };

const grant = (grantId: string, grantee: Grantee, permission: GrantPermission): CredentialCommand => ({
  type: 'GrantAccess',
  data: { credentialId: id, grantId, grantee, permission },
  metadata: admin,
});
const revoke = (grantId: string): CredentialCommand => ({ type: 'RevokeGrant', data: { credentialId: id, grantId }, metadata: admin });

function given(events: CredentialEvent[]) {
  return { when: (command: CredentialCommand) => decide(command, foldCredential(events)) };
}

function credentialAfter(events: CredentialEvent[]): Credential {
  const state = foldCredential(events);
  if (state.status === 'absent') throw new Error('no credential');
  return state;
}

describe('GrantAccess', () => {
  it('records a grant to a principal with actor and time from the command', () => {
    expect(given([registered]).when(grant('g-1', billing, 'use'))).toEqual([granted('g-1', billing, 'use', t1)]);
  });

  it('records a grant to a team, and another permission for the same grantee', () => {
    expect(given([registered, granted('g-1', payments, 'use')]).when(grant('g-2', payments, 'manage'))).toEqual([
      granted('g-2', payments, 'manage', t1),
    ]);
  });

  it('records nothing for a grant already in force (same grantee and permission)', () => {
    expect(given([registered, granted('g-1', billing, 'use')]).when(grant('g-2', billing, 'use'))).toEqual([]);
  });

  it('grants again once the earlier grant was revoked', () => {
    expect(given([registered, granted('g-1', billing, 'use'), revoked('g-1')]).when(grant('g-2', billing, 'use'))).toEqual([
      granted('g-2', billing, 'use', t1),
    ]);
  });

  it('refuses a destroyed credential, an absent one and a reused grant id', () => {
    expectRejected(() => given([registered, destroyed]).when(grant('g-1', billing, 'use')), 'CREDENTIAL_DESTROYED');
    expectRejected(() => given([]).when(grant('g-1', billing, 'use')), 'NOT_FOUND');
    expectRejected(() => given([registered, granted('g-1', billing, 'use')]).when(grant('g-1', payments, 'use')), 'INVALID_STATE');
  });
});

describe('RevokeGrant', () => {
  it('records the revocation of a grant in force', () => {
    expect(given([registered, granted('g-1', billing, 'use')]).when(revoke('g-1'))).toEqual([revoked('g-1')]);
  });

  it('records nothing when the grant is already revoked', () => {
    expect(given([registered, granted('g-1', billing, 'use'), revoked('g-1')]).when(revoke('g-1'))).toEqual([]);
  });

  it('answers NOT_FOUND for a grant the credential never had', () => {
    expectRejected(() => given([registered]).when(revoke('g-404')), 'NOT_FOUND');
  });
});

describe('evolving grants', () => {
  it('keeps every grant, marks revoked ones, and lists those in force oldest first', () => {
    const credential = credentialAfter([
      registered,
      granted('g-2', payments, 'manage', t1),
      granted('g-1', billing, 'use'),
      revoked('g-2'),
    ]);
    expect(credential.grants['g-2']).toMatchObject({ revokedAt: t1, revokedBy: 'admin-1' });
    expect(activeGrants(credential).map((g) => g.grantId)).toEqual(['g-1']);
  });

  it('leaves updatedAt and updatedBy alone: a grant is not a change of the credential', () => {
    const credential = credentialAfter([registered, granted('g-1', billing, 'use', t1)]);
    expect(credential).toMatchObject({ updatedAt: t0, updatedBy: 'alice' });
  });

  it('ignores a replayed grant and a revocation of an unknown grant', () => {
    const once = credentialAfter([registered, granted('g-1', billing, 'use')]);
    expect(credentialAfter([registered, granted('g-1', billing, 'use'), granted('g-1', payments, 'manage')])).toEqual(once);
    expect(credentialAfter([registered, granted('g-1', billing, 'use'), revoked('g-9')])).toEqual(once);
  });
});
