import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyProvider } from '#crypto';
import { countKeysPerKek } from '#secrets';
import { KEY_PROVIDER, ORM } from '#runtime';
import { keyringStatus } from './keyring-status.js';
import type { KeyringResponse } from './list-keys.dto.js';
import { ListKeysQuery } from './list-keys.query.js';

@QueryHandler(ListKeysQuery)
export class ListKeysHandler implements IQueryHandler<ListKeysQuery> {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(KEY_PROVIDER) private readonly keys: KeyProvider,
  ) {}

  async execute(): Promise<KeyringResponse> {
    const em = this.orm.em.fork();
    const dataKeys = await countKeysPerKek(em);
    return { keys: keyringStatus({ activeKekId: this.keys.activeKekId, kekIds: this.keys.kekIds(), dataKeys }) };
  }
}
