import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { GrantListResponse } from '../../grant.response.js';

export class ListGrantsQuery extends Query<GrantListResponse> {
  constructor(
    readonly principal: Principal,
    readonly credentialId: string,
  ) {
    super();
  }
}
