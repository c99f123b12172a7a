import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ListAuditController } from './queries/list-audit/list-audit.controller.js';
import { ListAuditHandler } from './queries/list-audit/list-audit.handler.js';

@Module({
  imports: [CqrsModule],
  controllers: [ListAuditController],
  providers: [ListAuditHandler],
})
export class AuditModule {}
