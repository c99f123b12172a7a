import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import { accessStreamId, ACCESS_STREAM_TYPE, AccessDeniedError, KeyledgerError, type SecretRevealed } from '#domain';
import { appendUnversioned, Clock } from '#event-store';
import { Vault } from '#secrets';
import { RevealRateLimiter } from '../../../access/reveal-rate-limiter.js';
import { CONFIG, ORM } from '#runtime';
import { authorizeReveal, lookupNotFound } from './reveal-access.js';
import { RevealSecretCommand, type RevealTarget } from './reveal-secret.command.js';
import type { RevealedSecretResponse } from './reveal-secret.dto.js';
import { findRevealCandidates, type RevealRow } from './reveal-secret.queries.js';
import { revealExpiry } from './reveal-expiry.js';

/**
 * The hot path: one read (which also brings the caller's grants), one
 * unwrap, one decrypt, one access record. The record is appended before the
 * secret is returned (fail-closed), without a stream version, so concurrent
 * readers of one credential never conflict. The rate limit is counted while
 * the read runs.
 */
@CommandHandler(RevealSecretCommand)
export class RevealSecretHandler implements ICommandHandler<RevealSecretCommand> {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly vault: Vault,
    private readonly limiter: RevealRateLimiter,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    private readonly clock: Clock,
  ) {}

  async execute({ principal, target, via, client }: RevealSecretCommand): Promise<RevealedSecretResponse> {
    const em = this.orm.em.fork();
    const [limited, found] = await Promise.allSettled([this.limiter.consume(principal.id), findRevealCandidates(em, principal, target)]);
    if (limited.status === 'rejected') throw limited.reason;
    if (found.status === 'rejected') throw found.reason;
    const row = pickOne(found.value, target);
    authorizeReveal(principal, row, target, via);
    const secret = await this.open(em, row, target);
    const expiry = revealExpiry(row, this.config.expiry.refuseExpired, 'id' in target ? undefined : row.id);
    const event: SecretRevealed = {
      type: 'SecretRevealed',
      data: {
        credentialId: row.id,
        actor: principal.id,
        at: this.clock.now().toISOString(),
        via,
        secretVersion: row.secret_version,
        clientIp: client.ip,
        userAgent: client.userAgent,
        ...(expiry.expired ? { expired: true as const } : {}),
      },
    };
    await appendUnversioned(em, accessStreamId(row.id), event, { streamType: ACCESS_STREAM_TYPE, tenant: row.tenant });
    const { id, name, type, username, host, purpose, extra } = row;
    return { id, name, type, username, secret, extra, host, purpose, secretVersion: row.secret_version, ...expiry };
  }

  /** A dead credential's refusal is recorded: on the credential a lookup found, or the id a reveal asked for. */
  private open(em: EntityManager, row: RevealRow, target: RevealTarget): Promise<string> {
    const found = 'id' in target ? undefined : row.id;
    if (row.status === 'destroyed' || !row.secret_ciphertext || !row.dek_id) {
      throw new AccessDeniedError('CREDENTIAL_DESTROYED', 'credential was destroyed; its secret is gone for good', 'destroyed', undefined, found);
    }
    if (row.status === 'inactive') {
      throw new AccessDeniedError('CREDENTIAL_INACTIVE', 'credential is deactivated; restore it to reveal its secret', 'inactive', undefined, found);
    }
    const sealed = { ciphertext: row.secret_ciphertext, dekId: row.dek_id, preview: row.secret_preview ?? '' };
    return this.vault.open(em, sealed, { credentialId: row.id, secretVersion: row.secret_version }, row.wrapped);
  }
}

function pickOne(rows: RevealRow[], target: RevealTarget): RevealRow {
  if (rows.length === 0) throw lookupNotFound(target);
  if (rows.length > 1) {
    throw new KeyledgerError('INVALID_STATE', 'more than one active credential matches this host and purpose; look it up by name', {
      matches: rows.map((r) => ({ id: r.id, name: r.name })),
    });
  }
  return rows[0]!;
}
