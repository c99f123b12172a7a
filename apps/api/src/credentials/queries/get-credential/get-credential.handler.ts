import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import type { Principal } from '../../../auth/principal.js';
import { ORM } from '../../../infrastructure/tokens.js';
import { loadViews } from '../../../projections/credential-view/credential-view.writer.js';
import type { CredentialView } from '../../../projections/credential-view/credential-view.js';
import { toCredentialResponse, type CredentialResponse } from '../../credential.response.js';
import { withLastUsed } from '../last-used.js';
import { GetCredentialQuery } from './get-credential.query.js';

@QueryHandler(GetCredentialQuery)
export class GetCredentialHandler implements IQueryHandler<GetCredentialQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, credentialId }: GetCredentialQuery): Promise<CredentialResponse> {
    const em = this.orm.em.fork();
    const [credential] = await withLastUsed(em, [toCredentialResponse(await findVisibleView(em, principal, credentialId))]);
    return credential!;
  }
}

/** The read-model row, if the principal's tenant owns it; otherwise the same 404 as a missing one. */
export async function findVisibleView(em: EntityManager, principal: Principal, credentialId: string): Promise<CredentialView> {
  const view = (await loadViews(em, [credentialId])).get(credentialId);
  if (!view || view.tenant !== principal.tenant) throw new KeyledgerError('NOT_FOUND', `credential ${credentialId} not found`);
  return view;
}
