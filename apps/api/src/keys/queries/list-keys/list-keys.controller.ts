import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator.js';
import { KeyringResponse } from './list-keys.dto.js';
import { ListKeysQuery } from './list-keys.query.js';

@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/keys')
export class ListKeysController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The keyring: each master key, whether it is active and configured, and how many data keys it wraps' })
  @ApiOkResponse({ type: KeyringResponse, description: 'master keys and how many data keys each wraps' })
  list(): Promise<KeyringResponse> {
    return this.queryBus.execute(new ListKeysQuery());
  }
}
