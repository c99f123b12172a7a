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

export type DestroyCredential = {
  type: 'DestroyCredential';
  data: { credentialId: string };
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
  | DeactivateCredential
  | RestoreCredential
  | DestroyCredential
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

export type CredentialDeactivated = { type: 'CredentialDeactivated'; data: EventBase };
export type CredentialRestored = { type: 'CredentialRestored'; data: EventBase };

/** The data keys are deleted in the same transaction: every ciphertext above becomes unreadable. */
export type CredentialDestroyed = { type: 'CredentialDestroyed'; data: EventBase };

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
  | CredentialDeactivated
  | CredentialRestored
  | CredentialDestroyed
  | CredentialExpiryReminded
  | CredentialExpired;

export type CredentialEventType = CredentialEvent['type'];

export interface SecretVersionRecord {
  secretVersion: number;
  preview: string;
  dekId: string;
  createdAt: string;
  createdBy: string;
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
  /** The most urgent reminder recorded for the current expiresAt; absent when none. */
  expiryReminder?: ExpiryReminderMark;
};

export interface ExpiryReminderMark {
  expiresAt: string;
  /** Thresholds this far from expiry or farther are done; 0: the expiry itself is recorded. */
  downToSeconds: number;
}

export type CredentialState = { status: 'absent' } | Credential;
