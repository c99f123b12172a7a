import { Controller, Delete, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { TokenResponse } from '../../principal.response.js';
import { RevokeTokenCommand } from './revoke-token.command.js';

@ApiTags('tokens')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/tokens')
export class RevokeTokenController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a token: it stops working at once on this API process, within KEYLEDGER_TOKEN_CACHE_SECONDS on others' })
  @ApiOkResponse({ type: TokenResponse })
  revoke(@CurrentPrincipal() actor: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<TokenResponse> {
    return this.commandBus.execute(new RevokeTokenCommand(actor, id));
  }
}
