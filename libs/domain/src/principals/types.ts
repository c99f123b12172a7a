// Principals: who may call Keyledger, with which role, in which tenant, and
// the bearer tokens that act for them. A principal is one stream
// (`principal-<id>`); its tokens are events on it, so issuing and revoking
// show in the audit trail. Token secrets never appear in events: only their
// ids and expiry.

import type { CommandMetadata } from '../credentials/types.js';

export type Role = 'admin' | 'operator' | 'service' | 'auditor';
export const ROLES: readonly Role[] = ['admin', 'operator', 'service', 'auditor'];

export const PRINCIPAL_STREAM_TYPE = 'principal';
export function principalStreamId(principalId: string): string {
  return `principal-${principalId}`;
}

export type CreatePrincipal = {
  type: 'CreatePrincipal';
  data: { principalId: string; tenant: string; name: string; role: Role; teams: string[] };
  metadata: CommandMetadata;
};
export type IssueToken = {
  type: 'IssueToken';
  data: { tokenId: string; description: string | null; expiresAt: string | null };
  metadata: CommandMetadata;
};
export type RevokeToken = { type: 'RevokeToken'; data: { tokenId: string }; metadata: CommandMetadata };
export type PrincipalCommand = CreatePrincipal | IssueToken | RevokeToken;

type PrincipalEventBase = { principalId: string; actor: string; at: string };

export type PrincipalCreated = {
  type: 'PrincipalCreated';
  data: PrincipalEventBase & { tenant: string; name: string; role: Role; teams: string[] };
};
export type TokenIssued = {
  type: 'TokenIssued';
  data: PrincipalEventBase & { tokenId: string; description: string | null; expiresAt: string | null };
};
export type TokenRevoked = { type: 'TokenRevoked'; data: PrincipalEventBase & { tokenId: string } };
export type PrincipalEvent = PrincipalCreated | TokenIssued | TokenRevoked;

export interface TokenState {
  expiresAt: string | null;
  revoked: boolean;
}

export type PrincipalState =
  | { status: 'absent' }
  | {
      status: 'active';
      principalId: string;
      tenant: string;
      name: string;
      role: Role;
      teams: string[];
      tokens: Readonly<Record<string, TokenState>>;
    };
