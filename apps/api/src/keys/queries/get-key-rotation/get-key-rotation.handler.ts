import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { findProgress } from '#key-rotation';
import { ORM } from '#runtime';
import type { KeyRotationResponse } from '../../key-rotation.response.js';
import { GetKeyRotationQuery } from './get-key-rotation.query.js';

@QueryHandler(GetKeyRotationQuery)
export class GetKeyRotationHandler implements IQueryHandler<GetKeyRotationQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ rotationId }: GetKeyRotationQuery): Promise<KeyRotationResponse> {
    const progress = await findProgress(this.orm.em.fork(), rotationId);
    if (progress === null) throw new KeyledgerError('NOT_FOUND', `key rotation ${rotationId} not found`);
    const { batches: _batches, ...response } = progress;
    return response;
  }
}
