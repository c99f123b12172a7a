import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { catchUpAuditTrail } from '#audit';
import { ORM } from '#runtime';
import { findAccessibleView } from '../../../access/credential-access.js';
import type { CredentialUsageResponse } from './credential-usage.dto.js';
import { CredentialUsageQuery } from './credential-usage.query.js';

interface ReaderRow {
  actor: string;
  reads: number;
  first_read_at: string;
  last_read_at: string;
}

// From the audit trail: every successful reveal and lookup is a `revealed`
// entry, every refused read a `denied` one, in the credential's tenant.
const READERS = `select actor, count(*)::int as reads, min(at) as first_read_at, max(at) as last_read_at
  from kl_audit_trail
  where tenant = ? and credential_id = ? and action = 'revealed' and outcome = 'success'
  group by actor order by max(at) desc, actor`;
// As the audit page does: catch the projection up first (bounded), so a read
// shows right after it happened even if the worker lags.
const CATCH_UP = { maxBatches: 10, lockTimeoutMs: 2000 };
const DENIED = `select count(*)::int as denied from kl_audit_trail
  where tenant = ? and credential_id = ? and outcome = 'denied'`;

@QueryHandler(CredentialUsageQuery)
export class CredentialUsageHandler implements IQueryHandler<CredentialUsageQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, credentialId }: CredentialUsageQuery): Promise<CredentialUsageResponse> {
    const em = this.orm.em.fork();
    const view = await findAccessibleView(em, principal, credentialId, 'read');
    await catchUpAuditTrail(em, CATCH_UP);
    const rows = await em.execute<ReaderRow[]>(READERS, [view.tenant, credentialId]);
    const [{ denied } = { denied: 0 }] = await em.execute<{ denied: number }[]>(DENIED, [view.tenant, credentialId]);
    const readers = rows.map((row) => ({
      actor: row.actor,
      reads: row.reads,
      firstReadAt: new Date(row.first_read_at).toISOString(),
      lastReadAt: new Date(row.last_read_at).toISOString(),
    }));
    return { credentialId, reads: readers.reduce((sum, r) => sum + r.reads, 0), denied, readers };
  }
}
