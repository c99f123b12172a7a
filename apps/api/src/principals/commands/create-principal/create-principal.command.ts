import { Command } from '@nestjs/cqrs';
import type { Role } from '#domain';
import type { Principal } from '../../../auth/principal.js';
import type { PrincipalResponse } from '../../principal.response.js';

/** A principal to create, as validated by NewPrincipalDto. */
export interface NewPrincipal {
  name: string;
  role: Role;
  teams: string[];
  /** Its tenant; the caller's own when absent. */
  tenant?: string;
}

export class CreatePrincipalCommand extends Command<PrincipalResponse> {
  constructor(
    readonly actor: Principal,
    readonly principal: NewPrincipal,
  ) {
    super();
  }
}
