import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator.js';
import { KeyRotationResponse } from '../../key-rotation.response.js';
import { GetKeyRotationQuery } from './get-key-rotation.query.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('keys')
@ApiBearerAuth()
@Roles('admin')
@Controller('v1/keys/rotations')
export class GetKeyRotationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'The progress of one master-key rotation' })
  @ApiOkResponse({ type: KeyRotationResponse, description: 'progress of a master-key rotation' })
  get(@Param('id', IdPipe) id: string): Promise<KeyRotationResponse> {
    return this.queryBus.execute(new GetKeyRotationQuery(id));
  }
}
