import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { findIdempotent, recordIdempotent } from '#event-store';

export interface IdempotencyRequest {
  key: string;
  /** Keyed digest of principal, method, path and body: the body may hold a secret. */
  fingerprint: string;
}

export interface StoredResponse<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

// Serialises requests that share one key (only those): the second waits for
// the first to commit, then sees its record and replays it.
const LOCK_KEY = 'select pg_advisory_xact_lock(hashtextextended(?, 0))';
const EXPIRE_KEY = "delete from kl_idempotency where tenant = ? and key = ? and created_at < now() - make_interval(hours => ?)";

/** Returns the first response for this key, or null when the command should run. */
export async function claimIdempotencyKey<T>(
  tx: EntityManager,
  tenant: string,
  request: IdempotencyRequest,
  ttlHours: number,
): Promise<StoredResponse<T> | null> {
  await tx.execute(LOCK_KEY, [`idempotency:${tenant}:${request.key}`]);
  await tx.execute(EXPIRE_KEY, [tenant, request.key, ttlHours], 'run');
  const prior = await findIdempotent(tx, tenant, request.key);
  if (!prior) return null;
  if (prior.fingerprint !== request.fingerprint) {
    throw new KeyledgerError(
      'IDEMPOTENCY_KEY_REUSED',
      'this Idempotency-Key was already used for a different request; use a new key for a new request',
    );
  }
  return { statusCode: prior.statusCode, body: prior.response as T, replayed: true };
}

export async function rememberResponse<T>(
  tx: EntityManager,
  tenant: string,
  request: IdempotencyRequest,
  response: StoredResponse<T>,
): Promise<void> {
  await recordIdempotent(tx, tenant, request.key, request.fingerprint, response.statusCode, response.body);
}
