import { Readable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ValidationError } from '#domain';
import { checkpointAt, START } from '#event-store';
import { ORM } from '#runtime';
import { feedAfter, readFeedPage } from './event-feed.js';
import { ReadEventsQuery } from './read-events.query.js';

/**
 * The tenant's events in log order, (transaction_id, global_position), only
 * below the oldest running transaction: a page never skips an event that
 * commits later, and "after the last position of the previous page" resumes
 * exactly where that page ended. The first page is read before the response
 * starts, so a bad cursor or a database failure is still a proper error.
 */
@QueryHandler(ReadEventsQuery)
export class ReadEventsHandler implements IQueryHandler<ReadEventsQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, after, limit }: ReadEventsQuery): Promise<Readable> {
    const em = this.orm.em.fork();
    const from = after === 0 ? START : await checkpointAt(em, after, principal.tenant);
    if (from === null) {
      throw new ValidationError('invalid cursor', [{ field: 'after', message: 'must be 0 or the position of a line this feed returned' }]);
    }
    const first = await readFeedPage(em, principal.tenant, from, limit);
    return Readable.from(feedAfter(em, principal.tenant, first, limit));
  }
}
