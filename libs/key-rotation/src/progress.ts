import type { KeyRotationMode } from '#domain';

export type RotationStatus = 'pending' | 'running' | 'completed' | 'failed';

/** One row of kl_key_rotations: what GET /v1/keys/rotations/{id} answers. */
export interface RotationProgress {
  rotationId: string;
  mode: KeyRotationMode;
  targetKekId: string;
  /** pending: requested, not yet planned; running: batches under way. */
  status: RotationStatus;
  /** Data keys to process, counted when the rotation is planned (plus any found under an old key at the end). */
  total: number;
  done: number;
  failed: number;
  batches: number;
  /** Why it failed; secret-free. */
  reason: string | null;
  requestedBy: string;
  /** When it was requested, ISO-8601. */
  startedAt: string;
  finishedAt: string | null;
}
