import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyProvider } from '#crypto';
import { verifySealedLog } from '#event-store';
import { loadSealKeyring } from '#secrets';
import { KEY_PROVIDER, ORM } from '#runtime';
import { positionsOnly } from './positions-only.js';
import type { VerifyLogResponse } from './verify-log.dto.js';
import { VerifyLogQuery } from './verify-log.query.js';

@QueryHandler(VerifyLogQuery)
export class VerifyLogHandler implements IQueryHandler<VerifyLogQuery> {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(KEY_PROVIDER) private readonly keys: KeyProvider,
  ) {}

  async execute(): Promise<VerifyLogResponse> {
    const em = this.orm.em.fork();
    const result = await verifySealedLog(em, await loadSealKeyring(em, this.keys));
    return result.reason === undefined ? result : { ...result, reason: positionsOnly(result.reason) };
  }
}
