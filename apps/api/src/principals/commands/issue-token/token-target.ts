import type { EntityManager } from '@mikro-orm/postgresql';
import { KeyledgerError, ValidationError } from '#domain';
import type { IdSource } from '#event-store';
import type { Principal } from '../../../auth/principal.js';
import { findPrincipal } from '../../principal-rows.js';
import { administeredTenant, administers } from '../../tenant-scope.js';
import type { NewPrincipal } from '../create-principal/create-principal.command.js';
import type { TokenRequest } from './issue-token.command.js';

export interface TokenTarget {
  principalId: string;
  tenant: string;
  /** The principal to create with the token, if it is new. */
  create: NewPrincipal | undefined;
}

/** The principal a token is issued to: an existing one the caller administers, or a new one in a tenant it administers. */
export async function tokenTarget(em: EntityManager, ids: IdSource, actor: Principal, request: TokenRequest): Promise<TokenTarget> {
  if ((request.principalId === undefined) === (request.principal === undefined)) {
    throw new ValidationError('give either principalId or principal', [
      { field: 'principalId', message: 'give the id of an existing principal, or `principal` to create one, not both' },
    ]);
  }
  if (request.principal) {
    return { principalId: ids.uuid(), tenant: administeredTenant(actor, request.principal.tenant), create: request.principal };
  }
  const row = await findPrincipal(em, request.principalId!);
  if (!row || !administers(actor, row.tenant)) throw new KeyledgerError('NOT_FOUND', `principal ${request.principalId} not found`);
  return { principalId: row.id, tenant: row.tenant, create: undefined };
}
