import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import { KeyledgerError } from '#domain';
import type { Principal } from '../auth/principal.js';
import { CONFIG, ORM } from '#runtime';

export interface IdempotencyRequest {
  key: string;
  /** Keyed digest of principal, method, path and body: the body may hold a secret. */
  fingerprint: string;
}

/** A command's response before it is sent. */
export interface CommandResponse<T> {
  statusCode: number;
  body: T;
}

export interface StoredResponse<T> extends CommandResponse<T> {
  replayed: boolean;
}

export interface IdempotentRecord {
  fingerprint: string;
  statusCode: number;
  response: unknown;
}

const FIND_IDEMPOTENT = `select fingerprint, status_code, response from kl_idempotency where tenant = ? and key = ?`;

// ON CONFLICT DO NOTHING instead of a plain INSERT: a duplicate key does not
// abort the caller's transaction, and a concurrent insert of the same key
// waits on the primary key until the first transaction ends.
const RECORD_IDEMPOTENT = `insert into kl_idempotency (tenant, key, fingerprint, status_code, response)
values (?, ?, ?, ?, ?::jsonb)
on conflict (tenant, key) do nothing
returning 1 as inserted`;

// Serialises requests that share one key (only those): the second waits for
// the first to commit, then sees its record and replays it.
const LOCK_KEY = 'select pg_advisory_xact_lock(hashtextextended(?, 0))';
const EXPIRE_KEY = 'delete from kl_idempotency where tenant = ? and key = ? and created_at < now() - make_interval(hours => ?)';

export async function findIdempotent(tx: EntityManager, tenant: string, key: string): Promise<IdempotentRecord | null> {
  const rows: { fingerprint: string; status_code: number; response: unknown }[] = await tx.execute(FIND_IDEMPOTENT, [tenant, key]);
  const row = rows[0];
  return row === undefined ? null : { fingerprint: row.fingerprint, statusCode: row.status_code, response: row.response };
}

/**
 * Stores the first response for a key, in the transaction of the command it
 * answers. If another transaction recorded the same key first (it committed
 * while this one ran), throws IDEMPOTENCY_KEY_IN_FLIGHT: the caller must roll
 * back, and a retry of the request finds the stored response and replays it.
 */
export async function recordIdempotent(
  tx: EntityManager,
  tenant: string,
  key: string,
  fingerprint: string,
  statusCode: number,
  response: unknown,
): Promise<void> {
  const rows: unknown[] = await tx.execute(RECORD_IDEMPOTENT, [tenant, key, fingerprint, statusCode, JSON.stringify(response)]);
  if (rows.length === 0) {
    throw new KeyledgerError(
      'IDEMPOTENCY_KEY_IN_FLIGHT',
      'another request with this Idempotency-Key completed first; retry to receive its result',
      { key },
    );
  }
}

/** Returns the first response for this key (unexpired), or null when the command should run. */
async function claimIdempotencyKey<T>(tx: EntityManager, tenant: string, request: IdempotencyRequest, ttlHours: number) {
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

/**
 * The one wrapper of every command route that accepts `Idempotency-Key`.
 * Without a key, `work` runs on its own. With one, it runs in a transaction
 * that first claims the key: a retry of the same request gets the first
 * response back and writes nothing new, the same key with another request is
 * 422, and the response is stored in the transaction of the command's writes.
 * Records expire after KEYLEDGER_IDEMPOTENCY_TTL_HOURS.
 */
@Injectable()
export class IdempotentCommands {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
  ) {}

  async run<T>(
    context: { principal: Principal; idempotency?: IdempotencyRequest },
    work: (em: EntityManager) => Promise<CommandResponse<T>>,
  ): Promise<StoredResponse<T>> {
    const { principal, idempotency } = context;
    if (idempotency === undefined) return { ...(await work(this.orm.em.fork())), replayed: false };
    return this.orm.em.fork().transactional(async (tx) => {
      const replay = await claimIdempotencyKey<T>(tx, principal.tenant, idempotency, this.config.idempotencyTtlHours);
      if (replay) return replay;
      const response = await work(tx);
      await recordIdempotent(tx, principal.tenant, idempotency.key, idempotency.fingerprint, response.statusCode, response.body);
      return { ...response, replayed: false };
    });
  }
}
