import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { IssuedTokenResponse } from '../../principal.response.js';
import type { IssueTokenDto } from './issue-token.dto.js';

export class IssueTokenCommand extends Command<IssuedTokenResponse> {
  constructor(
    readonly actor: Principal,
    readonly request: IssueTokenDto,
  ) {
    super();
  }
}
