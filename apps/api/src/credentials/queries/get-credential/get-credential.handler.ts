import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ORM } from '#runtime';
import { findAccessibleView } from '../../../access/credential-access.js';
import { toCredentialResponse, type CredentialResponse } from '../../credential.response.js';
import { withLastUsed } from '../last-used.js';
import { GetCredentialQuery } from './get-credential.query.js';

@QueryHandler(GetCredentialQuery)
export class GetCredentialHandler implements IQueryHandler<GetCredentialQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, credentialId }: GetCredentialQuery): Promise<CredentialResponse> {
    const em = this.orm.em.fork();
    const [credential] = await withLastUsed(em, [toCredentialResponse(await findAccessibleView(em, principal, credentialId, 'read'))]);
    return credential!;
  }
}
