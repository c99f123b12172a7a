import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { catchUpAuditTrail } from '#audit';
import { ValidationError } from '#domain';
import { ORM } from '#runtime';
import { auditFilter, decodeAuditCursor, encodeAuditCursor } from './audit-filter.sql.js';
import { DEFAULT_AUDIT_LIMIT, type AuditEntryResponse, type AuditPageResponse } from './list-audit.dto.js';
import { ListAuditQuery } from './list-audit.query.js';

// Before answering, the reader catches the projection up itself, so an entry
// shows right after its event commits even if the worker lags. Bounded: at
// most ten batches, and at most two seconds waiting behind a worker (or
// another reader) that holds the checkpoint for a batch. It waits rather than
// skipping the locked checkpoint (SKIP LOCKED / NOWAIT), because the batch in
// flight may hold the very event the auditor is looking for; on timeout it
// answers from what is there. One lock per transaction: no deadlock, and the
// lock means no event is projected twice.
const CATCH_UP = { maxBatches: 10, lockTimeoutMs: 2000 };

const SELECT = `select transaction_id, position, entry_index, event_id, event_type, tenant, at, actor, action, outcome,
  credential_id, details from kl_audit_trail`;

interface AuditRow {
  transaction_id: string;
  position: string;
  entry_index: number;
  event_id: string;
  event_type: string;
  tenant: string;
  at: string;
  actor: string;
  action: string;
  outcome: string;
  credential_id: string | null;
  details: Record<string, unknown>;
}

function toResponse(r: AuditRow): AuditEntryResponse {
  return {
    position: Number(r.position),
    eventId: r.event_id,
    eventType: r.event_type,
    tenant: r.tenant,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    outcome: r.outcome,
    credentialId: r.credential_id,
    details: r.details,
  };
}

@QueryHandler(ListAuditQuery)
export class ListAuditHandler implements IQueryHandler<ListAuditQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, filters }: ListAuditQuery): Promise<AuditPageResponse> {
    if (filters.from && filters.to && Date.parse(filters.from) > Date.parse(filters.to)) {
      throw new ValidationError('invalid time range', [{ field: 'to', message: 'must not be before from' }]);
    }
    const after = filters.cursor ? decodeAuditCursor(filters.cursor) : null;
    const em = this.orm.em.fork();
    await catchUpAuditTrail(em, CATCH_UP);
    const limit = filters.limit ?? DEFAULT_AUDIT_LIMIT;
    const { where, params } = auditFilter(principal.tenant, filters, after);
    const rows: AuditRow[] = await em.execute(
      `${SELECT} where ${where} order by transaction_id desc, position desc, entry_index desc limit ?`,
      [...params, limit + 1],
    );
    const last = rows.length > limit ? rows[limit - 1]! : null;
    const nextCursor = last
      ? encodeAuditCursor({ transactionId: String(last.transaction_id), position: Number(last.position), entryIndex: last.entry_index })
      : null;
    return { entries: rows.slice(0, limit).map(toResponse), nextCursor };
  }
}
