import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CredentialResponse } from '../../credential.response.js';

export class GetCredentialQuery extends Query<CredentialResponse> {
  constructor(
    readonly principal: Principal,
    readonly credentialId: string,
  ) {
    super();
  }
}
