import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/roles.decorator.js';
import { VerifyLogResponse } from './verify-log.dto.js';
import { VerifyLogQuery } from './verify-log.query.js';

@ApiTags('events')
@ApiBearerAuth()
@Roles('admin', 'auditor')
@Controller('v1/events')
export class VerifyLogController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('verify')
  @ApiOperation({ summary: 'Recompute every hash, stream chain and keyed seal of the whole log; name the first bad position' })
  @ApiOkResponse({ type: VerifyLogResponse })
  verify(): Promise<VerifyLogResponse> {
    return this.queryBus.execute(new VerifyLogQuery());
  }
}
