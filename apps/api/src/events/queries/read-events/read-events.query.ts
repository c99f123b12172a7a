import type { Readable } from 'node:stream';
import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';

export class ReadEventsQuery extends Query<Readable> {
  constructor(
    readonly principal: Principal,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}
