import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { listRecentProgress } from '#key-rotation';
import { ORM } from '#runtime';
import type { KeyRotationListResponse } from './list-key-rotations.dto.js';
import { ListKeyRotationsQuery } from './list-key-rotations.query.js';

@QueryHandler(ListKeyRotationsQuery)
export class ListKeyRotationsHandler implements IQueryHandler<ListKeyRotationsQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ limit }: ListKeyRotationsQuery): Promise<KeyRotationListResponse> {
    const rows = await listRecentProgress(this.orm.em.fork(), limit);
    return { rotations: rows.map(({ batches: _batches, ...rotation }) => rotation) };
  }
}
