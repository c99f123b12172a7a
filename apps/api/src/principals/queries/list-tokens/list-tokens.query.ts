import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { ListTokensQueryDto, TokenPageResponse } from './list-tokens.dto.js';

export class ListTokensQuery extends Query<TokenPageResponse> {
  constructor(
    readonly actor: Principal,
    readonly page: ListTokensQueryDto,
  ) {
    super();
  }
}
