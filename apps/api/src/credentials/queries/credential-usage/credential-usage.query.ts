import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CredentialUsageResponse } from './credential-usage.dto.js';

export class CredentialUsageQuery extends Query<CredentialUsageResponse> {
  constructor(
    readonly principal: Principal,
    readonly credentialId: string,
  ) {
    super();
  }
}
