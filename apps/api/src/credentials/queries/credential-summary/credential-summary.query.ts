import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CredentialSummaryQueryDto, CredentialSummaryResponse } from './credential-summary.dto.js';

export class CredentialSummaryQuery extends Query<CredentialSummaryResponse> {
  constructor(
    readonly principal: Principal,
    readonly options: CredentialSummaryQueryDto,
  ) {
    super();
  }
}
