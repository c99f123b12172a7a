import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator.js';
import { DEFAULT_ROTATIONS, KeyRotationListResponse, ListKeyRotationsQueryDto } from './list-key-rotations.dto.js';
import { ListKeyRotationsQuery } from './list-key-rotations.query.js';

@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/keys/rotations')
export class ListKeyRotationsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The most recent master-key rotations, newest first: the one in progress, if any, and how the last ones ended' })
  @ApiOkResponse({ type: KeyRotationListResponse })
  list(@Query() query: ListKeyRotationsQueryDto): Promise<KeyRotationListResponse> {
    return this.queryBus.execute(new ListKeyRotationsQuery(query.limit ?? DEFAULT_ROTATIONS));
  }
}
