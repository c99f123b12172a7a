// Shapes of the API answers the client returns (see the API's OpenAPI document at /docs).

/** What reveal and lookup answer: the only responses that carry a secret. */
export interface RevealedSecret {
  id: string;
  name: string;
  type: string;
  username: string | null;
  secret: string;
  extra: Record<string, unknown>;
  host?: string | null;
  purpose?: string | null;
  secretVersion: number;
  /** When the credential expires; `expired` once that has passed (the API may be set to refuse it then). */
  expiresAt?: string | null;
  expired?: boolean;
}

/** A credential as every other route returns it: masked, never the secret. */
export interface Credential {
  id: string;
  tenant: string;
  name: string;
  type: string;
  username: string | null;
  host: string | null;
  purpose: string | null;
  extra: Record<string, unknown>;
  labels: string[];
  description: string | null;
  expiresAt: string | null;
  /** The expiry of `expiresAt` is recorded (by the expiry scanner). */
  expired: boolean;
  status: 'active' | 'inactive' | 'destroyed';
  version: number;
  secretVersion: number;
  secretPreview: string | null;
  createdAt: string;
  updatedAt: string;
  rotatedAt: string | null;
  lastUsedAt: string | null;
  lastTestedAt: string | null;
  lastTestStatus: 'ok' | 'failed' | null;
  lastTestError: string | null;
  createdBy: string;
  updatedBy: string;
}

export interface CredentialPage {
  credentials: Credential[];
  total: number;
  nextCursor: string | null;
}

/** A part of the credentials the summary lists: `total` of them, the first `credentials` of which are listed. */
export interface CredentialSelection {
  total: number;
  credentials: Credential[];
}

/** GET /v1/credentials/summary: over the credentials the caller may read. */
export interface CredentialSummary {
  total: number;
  byStatus: Record<Credential['status'], number>;
  /** The active ones, by their template's category. */
  byCategory: { service: number; seed: number };
  expiringWithinDays: number;
  /** Active credentials expired or expiring within `expiringWithinDays`, soonest first. */
  expiring: CredentialSelection;
  /** Active credentials whose last health check failed, most recently tested first. */
  failing: CredentialSelection;
}

export type Role = 'admin' | 'operator' | 'service' | 'auditor';

/** Everything a principal can ask to do to a credential. */
export type CredentialAction = 'read' | 'reveal' | 'lookup' | 'change' | 'rotate' | 'test' | 'deactivate' | 'restore' | 'destroy' | 'grant';

/** How far a role reaches for one action in its tenant: every credential, those granted to it, or none. */
export type Reach = 'tenant' | 'grants' | 'none';

/** A person or service of a tenant, with one role (GET /v1/principals). */
export interface Principal {
  id: string;
  tenant: string;
  name: string;
  role: Role;
  teams: string[];
  version: number;
  createdAt: string;
  createdBy: string;
}

export interface PrincipalPage {
  principals: Principal[];
  nextCursor: string | null;
}

/** What POST /v1/principals takes; `tenant` other than your own: the bootstrap admin only. */
export interface NewPrincipal {
  name: string;
  role: Role;
  teams?: string[];
  tenant?: string;
}

/** A bearer token as listed: never the token itself. */
export interface Token {
  id: string;
  principalId: string;
  principalName: string;
  role: Role;
  tenant: string;
  description: string | null;
  status: 'active' | 'expired' | 'revoked';
  expiresAt: string | null;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** The answer of POST /v1/tokens: the only time the token is shown. */
export interface IssuedToken extends Token {
  token: string;
}

export interface TokenPage {
  tokens: Token[];
  nextCursor: string | null;
}

/** For an existing principal (`principalId`) or a new one (`principal`). */
export interface TokenRequest {
  principalId?: string;
  principal?: NewPrincipal;
  description?: string;
  /** ISO instant; none: until revoked. */
  expiresAt?: string;
}

export type GrantPermission = 'use' | 'manage';

/** Who a grant is for: a principal (by id) or every member of a team (by name). */
export type Grantee = { kind: 'principal'; id: string } | { kind: 'team'; id: string };

export interface Grant {
  id: string;
  credentialId: string;
  grantee: Grantee;
  /** use: reveal and lookup; manage: change, rotate, test, deactivate, restore. */
  permission: GrantPermission;
  grantedAt: string;
  grantedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** A grant as a grant or revoke answers it, with the credential's version after it. */
export interface GrantChange extends Grant {
  credentialVersion: number;
}

/** GET /v1/me: who the token belongs to, and how far its role reaches for each credential action. */
export interface Me {
  id: string;
  name: string;
  tenant: string;
  role: Role;
  teams: string[];
  /** `bootstrap` for the configured bootstrap token. */
  token: { id: string; expiresAt: string | null } | null;
  credentialAccess: Record<CredentialAction, Reach>;
}

/** A master key as GET /v1/keys lists it: its id and status, never key material. */
export interface KekStatus {
  kekId: string;
  /** Wraps every new data key. */
  active: boolean;
  /** In the API process's KEYLEDGER_MASTER_KEYS; false: stored data keys still name a key the API no longer has. */
  inKeyring: boolean;
  /** Stored data keys it wraps; at 0 no data key needs it any more. */
  dataKeys: number;
}

export type KeyRotationMode = 'rewrap' | 'reencrypt';

export type KeyRotationStatus = 'pending' | 'running' | 'completed' | 'failed';

/** A master-key rotation and its progress (GET /v1/keys/rotations/{id}). */
export interface KeyRotation {
  rotationId: string;
  mode: KeyRotationMode;
  /** The master key every data key ends up wrapped by. */
  targetKekId: string;
  /** pending: requested, not yet planned by a worker; running: batches under way. */
  status: KeyRotationStatus;
  /** Data keys to process, counted when a worker plans it. */
  total: number;
  done: number;
  /** Data keys that could not be unwrapped; they stay under their old master key. */
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  /** Why it failed. */
  reason: string | null;
  requestedBy: string;
}
