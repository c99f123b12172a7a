import { Command } from '@nestjs/cqrs';
import type { Role } from '#domain';
import type { CommandContext } from '../../../http/command-context.js';
import type { StoredResponse } from '../../../http/idempotency.js';
import type { PrincipalResponse } from '../../principal.response.js';

/** A principal to create, as validated by NewPrincipalDto. */
export interface NewPrincipal {
  name: string;
  role: Role;
  teams: string[];
  /** Its tenant; the caller's own when absent. */
  tenant?: string;
}

export class CreatePrincipalCommand extends Command<StoredResponse<PrincipalResponse>> {
  constructor(
    readonly context: CommandContext,
    readonly principal: NewPrincipal,
  ) {
    super();
  }
}
