// The credential aggregate's commands, events and state.
// Events are stored forever: a field is never renamed or repurposed; a new
// shape of an event gets a new type or an upcaster.

/** A secret as the domain sees it: ciphertext sealed by libs/crypto, never plaintext. */
export interface SealedSecret {
  /** Versioned envelope `kl1.<dekId>.<nonce>.<ciphertext>` bound to credential id + secret version. */
  ciphertext: string;
  dekId: string;
  /** Masked preview safe to show anywhere (`sk-1…5678`, `••••••••`). */
  preview: string;
}

export type CredentialStatus = 'active' | 'inactive' | 'destroyed';

/** Non-secret, user-editable fields of a credential. */
export interface CredentialMetadata {
  name: string;
  username: string | null;
  host: string | null;
  purpose: string | null;
  extra: Record<string, unknown>;
  labels: string[];
  description: string | null;
  /** ISO-8601 instant or null. */
  expiresAt: string | null;
}

export type MetadataChanges = Partial<CredentialMetadata>;

/** Who did it and when: supplied by the caller, so decide stays pure. */
export interface CommandMetadata {
  actor: string;
  /** ISO-8601 instant. */
  now: string;
}

export type RegisterCredential = {
  type: 'RegisterCredential';
  data: {
    credentialId: string;
    tenant: string;
    credentialType: string;
    metadata: CredentialMetadata;
    secret: SealedSecret;
  };
  metadata: CommandMetadata;
};

export type ChangeCredentialMetadata = {
  type: 'ChangeCredentialMetadata';
  data: { credentialId: string; changes: MetadataChanges };
  metadata: CommandMetadata;
};

export type RotateSecret = {
  type: 'RotateSecret';
  /** secretVersion must be the current one + 1: it is bound into the ciphertext. */
  data: { credentialId: string; secretVersion: number; secret: SealedSecret };
  metadata: CommandMetadata;
};

export type DeactivateCredential = {
  type: 'DeactivateCredential';
  data: { credentialId: string };
  metadata: CommandMetadata;
};

export type RestoreCredential = {
  type: 'RestoreCredential';
  data: { credentialId: string };
  metadata: CommandMetadata;
};

/**
 * Re-seals the current secret (same plaintext, same secretVersion) under a
 * fresh data key: issued by a master-key rotation in `reencrypt` mode.
 */
export type ReencryptSecret = {
  type: 'ReencryptSecret';
  data: { credentialId: string; secretVersion: number; secret: SealedSecret };
  metadata: CommandMetadata;
};

export type DestroyCredential = {
  type: 'DestroyCredential';
  data: { credentialId: string };
  metadata: CommandMetadata;
};

/** What a grant lets a service do: `use` reveals and looks up, `manage` changes, rotates, tests, deactivates and restores. */
export type GrantPermission = 'use' | 'manage';
export const GRANT_PERMISSIONS: readonly GrantPermission[] = ['use', 'manage'];

/** Who a grant is for: one principal (by id), or every member of a team (by name). */
export type Grantee = { kind: 'principal' | 'team'; id: string };

export type GrantAccess = {
  type: 'GrantAccess';
  data: { credentialId: string; grantId: string; grantee: Grantee; permission: GrantPermission };
  metadata: CommandMetadata;
};

export type RevokeGrant = {
  type: 'RevokeGrant';
  data: { credentialId: string; grantId: string };
  metadata: CommandMetadata;
};

/** Asks the worker to check the credential against its target; `requestId` is chosen by the caller. */
export type RequestCredentialTest = {
  type: 'RequestCredentialTest';
  data: { credentialId: string; requestId: string };
  metadata: CommandMetadata;
};

/** What started a health check: a request (its id) or a scheduled run (its slot). */
export type TestTrigger = { requestId: string; slot: null } | { requestId: null; slot: string };

export type TestOutcome = { ok: true; durationMs: number } | { ok: false; durationMs: number; error: string };

/** The worker's answer to a trigger. `error` must already be free of the secret. */
export type RecordCredentialTestResult = {
  type: 'RecordCredentialTestResult';
  data: { credentialId: string } & TestTrigger & TestOutcome;
  metadata: CommandMetadata;
};

/**
 * Records a reminder that the credential expires within `thresholdSeconds`
 * (0: it has expired), for the `expiresAt` the scanner saw. See expiry.ts.
 */
export type RemindExpiry = {
  type: 'RemindExpiry';
  data: { credentialId: string; threshold: string; thresholdSeconds: number; expiresAt: string };
  metadata: CommandMetadata;
};

export type CredentialCommand =
  | RegisterCredential
  | ChangeCredentialMetadata
  | RotateSecret
  | ReencryptSecret
  | DeactivateCredential
  | RestoreCredential
  | DestroyCredential
  | GrantAccess
  | RevokeGrant
  | RequestCredentialTest
  | RecordCredentialTestResult
  | RemindExpiry;

// A type alias, not an interface: event data must stay assignable to the
// event store's `Record<string, unknown>` (interfaces get no implicit index signature).
type EventBase = {
  credentialId: string;
  actor: string;
  /** ISO-8601 instant. */
  at: string;
};

export type CredentialRegistered = {
  type: 'CredentialRegistered';
  data: EventBase & {
    tenant: string;
    credentialType: string;
    metadata: CredentialMetadata;
    secretVersion: 1;
    secret: SealedSecret;
  };
};

export type CredentialMetadataChanged = {
  type: 'CredentialMetadataChanged';
  /** Only the fields that actually changed. */
  data: EventBase & { changes: MetadataChanges };
};

export type SecretRotated = {
  type: 'SecretRotated';
  data: EventBase & { secretVersion: number; secret: SealedSecret };
};

/**
 * The current secret version, sealed again under a fresh data key (the old
 * one is deleted in the same transaction). The plaintext and secretVersion
 * do not change, so neither does anything a user sees but the ciphertext.
 */
export type SecretReencrypted = {
  type: 'SecretReencrypted';
  data: EventBase & { secretVersion: number; secret: SealedSecret };
};

export type CredentialDeactivated = { type: 'CredentialDeactivated'; data: EventBase };
export type CredentialRestored = { type: 'CredentialRestored'; data: EventBase };

/** The data keys are deleted in the same transaction: every ciphertext above becomes unreadable. */
export type CredentialDestroyed = { type: 'CredentialDestroyed'; data: EventBase };

/** Access control lives on the credential's own stream, so grants replay with it. */
export type CredentialGranted = {
  type: 'CredentialGranted';
  data: EventBase & { grantId: string; grantee: Grantee; permission: GrantPermission };
};
export type CredentialGrantRevoked = { type: 'CredentialGrantRevoked'; data: EventBase & { grantId: string } };
export type CredentialTestRequested = { type: 'CredentialTestRequested'; data: EventBase & { requestId: string } };

/**
 * Health check results. `slot` (ISO instant) is the scheduled run's time
 * slot, null for a requested check; `requestId` the other way round.
 */
type TestResultBase = EventBase & { requestId: string | null; slot: string | null; durationMs: number };
export type CredentialTestSucceeded = { type: 'CredentialTestSucceeded'; data: TestResultBase };
export type CredentialTestFailed = { type: 'CredentialTestFailed'; data: TestResultBase & { error: string } };

/**
 * The credential started failing: recorded with the first CredentialTestFailed
 * after a success or after no test at all, never for the failures that follow.
 * Notifications (webhooks) subscribe to this event.
 */
export type CredentialHealthAlerted = {
  type: 'CredentialHealthAlerted';
  data: EventBase & { requestId: string | null; slot: string | null; error: string };
};

/** The credential expires within `threshold` (a label such as `7d`) of `at`. */
export type CredentialExpiryReminded = {
  type: 'CredentialExpiryReminded';
  data: EventBase & { threshold: string; thresholdSeconds: number; expiresAt: string };
};

/** `expiresAt` has passed; recorded once per expiry date. */
export type CredentialExpired = { type: 'CredentialExpired'; data: EventBase & { expiresAt: string } };

export type CredentialEvent =
  | CredentialRegistered
  | CredentialMetadataChanged
  | SecretRotated
  | SecretReencrypted
  | CredentialDeactivated
  | CredentialRestored
  | CredentialDestroyed
  | CredentialGranted
  | CredentialGrantRevoked
  | CredentialTestRequested
  | CredentialTestSucceeded
  | CredentialTestFailed
  | CredentialHealthAlerted
  | CredentialExpiryReminded
  | CredentialExpired;

export interface SecretVersionRecord {
  secretVersion: number;
  preview: string;
  dekId: string;
  createdAt: string;
  createdBy: string;
}

/** A grant as the aggregate remembers it; a revoked one stays, so revoking twice is a no-op. */
export type CredentialGrant = {
  grantId: string;
  grantee: Grantee;
  permission: GrantPermission;
  grantedAt: string;
  grantedBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
};
export type TestStatus = 'ok' | 'failed';

/** What the health check rules need to remember. */
export interface CredentialHealth {
  /** Result of the last check; null before the first. */
  lastStatus: TestStatus | null;
  /** Requests whose result is not recorded yet: a second result for one is ignored. */
  pendingRequests: string[];
  /** Latest scheduled slot with a result: an older or the same slot is ignored. */
  lastSlot: string | null;
}

export type Credential = {
  status: CredentialStatus;
  credentialId: string;
  tenant: string;
  credentialType: string;
  metadata: CredentialMetadata;
  secretVersion: number;
  /** null once destroyed. */
  secret: SealedSecret | null;
  createdAt: string;
  updatedAt: string;
  rotatedAt: string | null;
  createdBy: string;
  updatedBy: string;
  /** Every grant ever made, by grant id; active ones have `revokedAt: null`. */
  grants: Readonly<Record<string, CredentialGrant>>;
  health: CredentialHealth;
  /** The most urgent reminder recorded for the current expiresAt; absent when none. */
  expiryReminder?: ExpiryReminderMark;
};

export interface ExpiryReminderMark {
  expiresAt: string;
  /** Thresholds this far from expiry or farther are done; 0: the expiry itself is recorded. */
  downToSeconds: number;
}

export type CredentialState = { status: 'absent' } | Credential;
