import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { TokenResponse } from '../../principal.response.js';

export class RevokeTokenCommand extends Command<TokenResponse> {
  constructor(
    readonly actor: Principal,
    readonly tokenId: string,
  ) {
    super();
  }
}
