import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import { isoOrNull } from '#database';
import { accessStreamId, ACCESS_STREAM_TYPE, decideReveal, type RevealCandidate, type SecretRevealed } from '#domain';
import { appendUnversioned, Clock } from '#event-store';
import { Vault } from '#secrets';
import { RevealRateLimiter } from '../../../access/reveal-rate-limiter.js';
import { CONFIG, ORM } from '#runtime';
import { RevealSecretCommand } from './reveal-secret.command.js';
import type { RevealedSecretResponse } from './reveal-secret.dto.js';
import { findRevealCandidates, type RevealRow } from './reveal-secret.queries.js';

type Candidate = RevealRow & RevealCandidate;

/**
 * The hot path: one read (which also brings the caller's grants), one
 * unwrap, one decrypt, one access record. Whether the read is answered is
 * decideReveal's (#domain); a refusal is thrown for the API to record. The
 * record is appended before the secret is returned (fail-closed), without a
 * stream version, so concurrent readers of one credential never conflict.
 * The rate limit is counted while the read runs.
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
    const now = this.clock.now().toISOString();
    const decision = decideReveal({ subject: principal, target, via }, found.value.map(candidate), {
      now,
      refuseExpired: this.config.expiry.refuseExpired,
    });
    if (!decision.allowed) throw decision.refused;
    const { credential: row, expired } = decision;
    const secret = await this.open(em, row);
    const event: SecretRevealed = {
      type: 'SecretRevealed',
      data: {
        credentialId: row.id,
        actor: principal.id,
        at: now,
        via,
        secretVersion: row.secret_version,
        clientIp: client.ip,
        userAgent: client.userAgent,
        ...(expired ? { expired: true as const } : {}),
      },
    };
    await appendUnversioned(em, accessStreamId(row.id), event, { streamType: ACCESS_STREAM_TYPE, tenant: row.tenant });
    const { id, name, type, username, host, purpose, extra, expiresAt } = row;
    return { id, name, type, username, secret, extra, host, purpose, secretVersion: row.secret_version, expiresAt, expired };
  }

  /** Only a credential that still has its secret is allowed (decideReveal), so both columns are set. */
  private open(em: EntityManager, row: Candidate): Promise<string> {
    const sealed = { ciphertext: row.secret_ciphertext!, dekId: row.dek_id!, preview: row.secret_preview ?? '' };
    return this.vault.open(em, sealed, { credentialId: row.id, secretVersion: row.secret_version }, row.wrapped);
  }
}

/** The row as decideReveal reads it: whether its secret is still there, expiresAt as an ISO instant. */
function candidate(row: RevealRow): Candidate {
  return { ...row, hasSecret: Boolean(row.secret_ciphertext && row.dek_id), expiresAt: isoOrNull(row.expires_at) };
}
