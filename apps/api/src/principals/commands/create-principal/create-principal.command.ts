import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { NewPrincipalDto } from '../../principal.dto.js';
import type { PrincipalResponse } from '../../principal.response.js';

export class CreatePrincipalCommand extends Command<PrincipalResponse> {
  constructor(
    readonly actor: Principal,
    readonly principal: NewPrincipalDto,
  ) {
    super();
  }
}
