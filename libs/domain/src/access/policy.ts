import type { GrantPermission, Grantee } from '../credentials/types.js';
import type { Role } from '../principals/types.js';
import type { CredentialAction } from './types.js';

// Who may do what to a credential (invariant 9 of docs/invariants.md).
// Nobody acts outside its own tenant. In its tenant, a role either may always
// do an action, may do it only through a grant carrying one of some
// permissions, or may never do it. A credential the caller may not read is invisible: it answers
// exactly like a missing one (404), never 403, so there is no existence oracle.

export interface AccessSubject {
  id: string;
  tenant: string;
  role: Role;
  teams: readonly string[];
}

export interface GrantRef {
  grantee: Grantee;
  permission: GrantPermission;
}

/** What the policy needs to know of a credential: its tenant and its grants in force. */
export interface AccessTarget {
  tenant: string;
  grants: readonly GrantRef[];
}

/** How far a role reaches for one action, in its own tenant. */
export type AccessScope = { kind: 'tenant' } | { kind: 'grants'; permissions: readonly GrantPermission[] } | { kind: 'none' };

export type AccessDecision = { allowed: true } | { allowed: false; reason: 'not_found' | 'forbidden' };

const TENANT: AccessScope = { kind: 'tenant' };
const NONE: AccessScope = { kind: 'none' };
const grants = (...permissions: GrantPermission[]): AccessScope => ({ kind: 'grants', permissions });
const MANAGE = grants('manage');

const RULES: Record<Role, Partial<Record<CredentialAction, AccessScope>>> = {
  admin: {
    read: TENANT,
    reveal: TENANT,
    lookup: TENANT,
    change: TENANT,
    rotate: TENANT,
    test: TENANT,
    deactivate: TENANT,
    restore: TENANT,
    destroy: TENANT,
    grant: TENANT,
  },
  operator: { read: TENANT, change: TENANT, rotate: TENANT, test: TENANT, deactivate: TENANT, restore: TENANT },
  auditor: { read: TENANT },
  service: {
    read: grants('use', 'manage'),
    reveal: grants('use'),
    lookup: grants('use'),
    change: MANAGE,
    rotate: MANAGE,
    test: MANAGE,
    deactivate: MANAGE,
    restore: MANAGE,
  },
};

/** The reach of `role` for `action` in its tenant; what SQL filters (lists, lookups) must mirror. */
export function accessScope(role: Role, action: CredentialAction): AccessScope {
  return RULES[role][action] ?? NONE;
}

/** Permissions the subject holds on a credential through grants to it or to one of its teams. */
export function permissionsHeld(subject: AccessSubject, grantList: readonly GrantRef[]): Set<GrantPermission> {
  const held = new Set<GrantPermission>();
  for (const { grantee, permission } of grantList) {
    const mine = grantee.kind === 'principal' ? grantee.id === subject.id : subject.teams.includes(grantee.id);
    if (mine) held.add(permission);
  }
  return held;
}

function reaches(scope: AccessScope, held: Set<GrantPermission>): boolean {
  if (scope.kind === 'tenant') return true;
  if (scope.kind === 'none') return false;
  return scope.permissions.some((permission) => held.has(permission));
}

/** 404 for what the subject may not even read; 403 for a visible credential and an action it may not do. */
export function checkAccess(subject: AccessSubject, target: AccessTarget, action: CredentialAction): AccessDecision {
  if (target.tenant !== subject.tenant) return { allowed: false, reason: 'not_found' };
  const held = permissionsHeld(subject, target.grants);
  if (!reaches(accessScope(subject.role, 'read'), held)) return { allowed: false, reason: 'not_found' };
  return reaches(accessScope(subject.role, action), held) ? { allowed: true } : { allowed: false, reason: 'forbidden' };
}
