import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GrantPermission } from '#domain';
import { ORM } from '#runtime';
import { findAccessibleView } from '../../../access/credential-access.js';
import { toGrantResponse, type GrantListResponse } from '../../grant.response.js';
import { ListGrantsQuery } from './list-grants.query.js';

interface GrantRow {
  grant_id: string;
  grantee_kind: 'principal' | 'team';
  grantee_id: string;
  permission: GrantPermission;
  granted_at: string;
  granted_by: string;
}

const GRANTS_OF = `select grant_id, grantee_kind, grantee_id, permission, granted_at, granted_by
  from kl_credential_grants where credential_id = ? order by granted_at, grant_id`;

@QueryHandler(ListGrantsQuery)
export class ListGrantsHandler implements IQueryHandler<ListGrantsQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, credentialId }: ListGrantsQuery): Promise<GrantListResponse> {
    const em = this.orm.em.fork();
    await findAccessibleView(em, principal, credentialId, 'grant');
    const rows = await em.execute<GrantRow[]>(GRANTS_OF, [credentialId]);
    const grants = rows.map((row) =>
      toGrantResponse(credentialId, {
        grantId: row.grant_id,
        grantee: { kind: row.grantee_kind, id: row.grantee_id },
        permission: row.permission,
        grantedAt: new Date(row.granted_at).toISOString(),
        grantedBy: row.granted_by,
        revokedAt: null,
        revokedBy: null,
      }),
    );
    return { grants };
  }
}
