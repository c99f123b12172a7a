import type { CredentialMetadata, CredentialStatus, TestStatus } from '#domain';

/** One row of the masked read model `kl_credentials`: never a plaintext secret. */
export interface CredentialView extends CredentialMetadata {
  id: string;
  tenant: string;
  type: string;
  status: CredentialStatus;
  /** Stream version: also the ETag, and the projection's per-row checkpoint. */
  version: number;
  secretVersion: number;
  secretPreview: string | null;
  /** Kept for the reveal hot path (one read); ciphertext only, never returned by the API. */
  secretCiphertext: string | null;
  dekId: string | null;
  createdAt: string;
  updatedAt: string;
  rotatedAt: string | null;
  lastUsedAt: string | null;
  /** Time of the last health check result; null before the first. */
  lastTestedAt: string | null;
  lastTestStatus: TestStatus | null;
  /** Why the last check failed, free of the secret; null unless it failed. */
  lastTestError: string | null;
  createdBy: string;
  updatedBy: string;
  /** Set when the expiry of the current expiresAt is recorded (CredentialExpired). */
  expired: boolean;
  /** The most urgent expiry reminder recorded for the current expiresAt (0: expired); for the scanner. */
  expiryRemindedSeconds: number | null;
}
