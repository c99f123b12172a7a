import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CredentialPageResponse, ListCredentialsQueryDto } from './list-credentials.dto.js';

export class ListCredentialsQuery extends Query<CredentialPageResponse> {
  constructor(
    readonly principal: Principal,
    readonly filters: ListCredentialsQueryDto,
  ) {
    super();
  }
}
