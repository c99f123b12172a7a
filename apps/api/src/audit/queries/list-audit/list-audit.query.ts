import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { AuditPageResponse, ListAuditQueryDto } from './list-audit.dto.js';

export class ListAuditQuery extends Query<AuditPageResponse> {
  constructor(
    readonly principal: Principal,
    readonly filters: ListAuditQueryDto,
  ) {
    super();
  }
}
