import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { IssuedTokenResponse } from '../../principal.response.js';
import type { NewPrincipal } from '../create-principal/create-principal.command.js';

/** Exactly one of `principalId` (an existing principal) and `principal` (one to create with the token). */
export interface TokenRequest {
  principalId?: string;
  principal?: NewPrincipal;
  description?: string;
  /** ISO-8601; none: until revoked. */
  expiresAt?: string;
}

export class IssueTokenCommand extends Command<IssuedTokenResponse> {
  constructor(
    readonly actor: Principal,
    readonly request: TokenRequest,
  ) {
    super();
  }
}
