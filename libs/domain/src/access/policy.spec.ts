import type { Role } from '../principals/types.js';
import { accessScope, checkAccess, type AccessSubject, type GrantRef } from './policy.js';
import { CREDENTIAL_ACTIONS, type CredentialAction } from './types.js';

const subject = (role: Role): AccessSubject => ({ id: `${role}-1`, tenant: 'acme', role, teams: ['payments', 'ops'] });
const toMe = (role: Role, permission: GrantRef['permission']): GrantRef => ({
  grantee: { kind: 'principal', id: `${role}-1` },
  permission,
});
const toTeam = (permission: GrantRef['permission']): GrantRef => ({ grantee: { kind: 'team', id: 'payments' }, permission });

type Outcome = 'allow' | 'forbidden' | 'not_found';
const outcome = (role: Role, grants: GrantRef[], action: CredentialAction, tenant = 'acme'): Outcome => {
  const decision = checkAccess(subject(role), { tenant, grants }, action);
  return decision.allowed ? 'allow' : decision.reason;
};

// One row per role and what it holds; one column per action, in CREDENTIAL_ACTIONS order:
// read reveal lookup change rotate test deactivate restore destroy grant
const A = 'allow';
const F = 'forbidden';
const N = 'not_found';
const SAME_TENANT: Array<[string, Role, (role: Role) => GrantRef[], Outcome[]]> = [
  ['admin, no grant', 'admin', () => [], [A, A, A, A, A, A, A, A, A, A]],
  ['operator, no grant', 'operator', () => [], [A, F, F, A, A, A, A, A, F, F]],
  ['operator, even with a use grant', 'operator', (r) => [toMe(r, 'use')], [A, F, F, A, A, A, A, A, F, F]],
  ['auditor, no grant', 'auditor', () => [], [A, F, F, F, F, F, F, F, F, F]],
  ['auditor, even with grants', 'auditor', (r) => [toMe(r, 'use'), toMe(r, 'manage')], [A, F, F, F, F, F, F, F, F, F]],
  ['service, no grant', 'service', () => [], [N, N, N, N, N, N, N, N, N, N]],
  ['service, use', 'service', (r) => [toMe(r, 'use')], [A, A, A, F, F, F, F, F, F, F]],
  ['service, manage', 'service', (r) => [toMe(r, 'manage')], [A, F, F, A, A, A, A, A, F, F]],
  ['service, use and manage', 'service', (r) => [toMe(r, 'use'), toMe(r, 'manage')], [A, A, A, A, A, A, A, A, F, F]],
  ['service, use through its team', 'service', () => [toTeam('use')], [A, A, A, F, F, F, F, F, F, F]],
  ['service, manage through its team', 'service', () => [toTeam('manage')], [A, F, F, A, A, A, A, A, F, F]],
  [
    'service, grants to someone else and to another team',
    'service',
    () => [
      { grantee: { kind: 'principal', id: 'other' }, permission: 'use' },
      { grantee: { kind: 'team', id: 'sales' }, permission: 'manage' },
    ],
    [N, N, N, N, N, N, N, N, N, N],
  ],
  [
    'service, a team grant named like its id (kinds do not mix)',
    'service',
    (r) => [{ grantee: { kind: 'team', id: `${r}-1` }, permission: 'use' }],
    [N, N, N, N, N, N, N, N, N, N],
  ],
];

describe('checkAccess in the subject’s own tenant', () => {
  it.each(SAME_TENANT)('%s', (_label, role, grantsOf, expected) => {
    const actual = CREDENTIAL_ACTIONS.map((action) => outcome(role, grantsOf(role), action));
    expect(Object.fromEntries(CREDENTIAL_ACTIONS.map((a, i) => [a, actual[i]]))).toEqual(
      Object.fromEntries(CREDENTIAL_ACTIONS.map((a, i) => [a, expected[i]])),
    );
  });
});

describe('checkAccess across tenants', () => {
  const everything = (role: Role): GrantRef[] => [toMe(role, 'use'), toMe(role, 'manage'), toTeam('use'), toTeam('manage')];
  it.each(['admin', 'operator', 'auditor', 'service'] as Role[])('%s gets not_found for every action, whatever the grants', (role) => {
    for (const action of CREDENTIAL_ACTIONS) {
      expect([action, outcome(role, everything(role), action, 'globex')]).toEqual([action, N]);
      expect([action, outcome(role, [], action, 'globex')]).toEqual([action, N]);
    }
  });
});

describe('accessScope (what list and lookup SQL mirror)', () => {
  it('reaches the whole tenant for admins, and for operators and auditors where they may act', () => {
    expect(accessScope('admin', 'lookup')).toEqual({ kind: 'tenant' });
    expect(accessScope('operator', 'read')).toEqual({ kind: 'tenant' });
    expect(accessScope('operator', 'reveal')).toEqual({ kind: 'none' });
    expect(accessScope('auditor', 'read')).toEqual({ kind: 'tenant' });
    expect(accessScope('auditor', 'change')).toEqual({ kind: 'none' });
  });

  it('reaches only granted credentials for services: any grant to read, `use` to look up', () => {
    expect(accessScope('service', 'read')).toEqual({ kind: 'grants', permissions: ['use', 'manage'] });
    expect(accessScope('service', 'lookup')).toEqual({ kind: 'grants', permissions: ['use'] });
    expect(accessScope('service', 'rotate')).toEqual({ kind: 'grants', permissions: ['manage'] });
    expect(accessScope('service', 'grant')).toEqual({ kind: 'none' });
  });
});
