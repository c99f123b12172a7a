import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { PrincipalResponse } from '../../principal.response.js';
import type { PrincipalPageQueryDto } from '../page.dto.js';
import type { PrincipalPageResponse } from '../../principal.response.js';

export class ListPrincipalsQuery extends Query<PrincipalPageResponse> {
  constructor(
    readonly actor: Principal,
    readonly page: PrincipalPageQueryDto,
  ) {
    super();
  }
}

export class GetPrincipalQuery extends Query<PrincipalResponse> {
  constructor(
    readonly actor: Principal,
    readonly principalId: string,
  ) {
    super();
  }
}
