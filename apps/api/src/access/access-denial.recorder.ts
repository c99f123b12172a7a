import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ACCESS_STREAM_TYPE, deniedAccessStreamId, UUID, type AccessDenied, type DenialReason, type RouteAction } from '#domain';
import { appendUnversioned, Clock } from '#event-store';
import { ORM } from '#runtime';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard.js';

/**
 * Records refused credential requests as AccessDenied, unversioned (no
 * contention), in the ACTOR's tenant: the refusal shows in the refused
 * principal's audit trail and says nothing about whether the id exists or
 * whose it is. Unlike a reveal's record this is best effort: a refusal stays
 * the refusal it is (never a 500) when its record cannot be written.
 */
@Injectable()
export class AccessDenialRecorder {
  private readonly logger = new Logger('AccessDenialRecorder');

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly clock: Clock,
  ) {}

  /** `credentialId` defaults to the route's `:id`; never throws. */
  async record(request: AuthenticatedRequest, action: RouteAction, reason: DenialReason, credentialId?: string): Promise<void> {
    const principal = request.principal;
    if (!principal) return;
    const requested = credentialId ?? requestedCredentialId(request);
    const event: AccessDenied = {
      type: 'AccessDenied',
      data: {
        credentialId: requested,
        actor: principal.id,
        at: this.clock.now().toISOString(),
        action,
        reason,
        clientIp: request.ip ?? null,
        userAgent: request.headers['user-agent'] ?? null,
      },
    };
    const streamId = deniedAccessStreamId(requested, principal.id);
    try {
      await appendUnversioned(this.orm.em.fork(), streamId, event, { streamType: ACCESS_STREAM_TYPE, tenant: principal.tenant });
    } catch (error) {
      this.logger.error({ err: error, action, reason, streamId }, 'could not record a refused access');
    }
  }
}

/** The `:id` of the route when it is a well-formed id (anything else is refused as a bad request anyway). */
function requestedCredentialId(request: AuthenticatedRequest): string | null {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && UUID.test(id) ? id.toLowerCase() : null;
}
