import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { SecretVersionsResponse, StreamEventsResponse } from './credential-history.dto.js';

export class CredentialHistoryQuery extends Query<SecretVersionsResponse | StreamEventsResponse> {
  constructor(
    readonly principal: Principal,
    readonly credentialId: string,
    readonly view: 'versions' | 'events',
  ) {
    super();
  }
}
