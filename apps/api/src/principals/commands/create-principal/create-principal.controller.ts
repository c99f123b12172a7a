import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../../auth/current-principal.decorator.js';
import type { Principal } from '../../../auth/principal.js';
import { Roles } from '../../../auth/roles.decorator.js';
import { newPrincipalOf } from '../../new-principal.js';
import { NewPrincipalDto } from '../../principal.dto.js';
import { PrincipalResponse } from '../../principal.response.js';
import { CreatePrincipalCommand } from './create-principal.command.js';

@ApiTags('principals')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/principals')
export class CreatePrincipalController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a principal (a person or service) with a role in a tenant; issue its tokens with POST /v1/tokens' })
  @ApiCreatedResponse({ type: PrincipalResponse })
  create(@CurrentPrincipal() actor: Principal, @Body() body: NewPrincipalDto): Promise<PrincipalResponse> {
    return this.commandBus.execute(new CreatePrincipalCommand(actor, newPrincipalOf(body)));
  }
}
