import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generateToken } from '#crypto';
import { KeyledgerError, ValidationError, type PrincipalCommand } from '#domain';
import type { Principal } from '../../../auth/principal.js';
import { ORM } from '#runtime';
import { PrincipalCommandRunner } from '../../principal-command.runner.js';
import { findPrincipal, findToken } from '../../principal-rows.js';
import { toTokenResponse, type IssuedTokenResponse } from '../../principal.response.js';
import { administeredTenant, administers } from '../../tenant-scope.js';
import { createPrincipal } from '../create-principal/create-principal.handler.js';
import { IssueTokenCommand } from './issue-token.command.js';
import type { IssueTokenDto } from './issue-token.dto.js';

/** Issues a token (creating its principal first if asked to); the token is in this response only. */
@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand> {
  constructor(
    private readonly runner: PrincipalCommandRunner,
    @Inject(ORM) private readonly orm: MikroORM,
  ) {}

  async execute({ actor, request }: IssueTokenCommand): Promise<IssuedTokenResponse> {
    const { principalId, tenant, create } = await this.target(actor, request);
    const issued = generateToken();
    const expiresAt = request.expiresAt === undefined ? null : new Date(request.expiresAt).toISOString();
    await this.runner.run({
      actor,
      principalId,
      tenant,
      secretHashes: new Map([[issued.tokenId, issued.secretHash]]),
      build: (_, metadata): PrincipalCommand[] => [
        ...(create ? [createPrincipal(principalId, tenant, create, metadata)] : []),
        { type: 'IssueToken', data: { tokenId: issued.tokenId, description: request.description ?? null, expiresAt }, metadata },
      ],
    });
    return { ...toTokenResponse((await findToken(this.orm.em.fork(), issued.tokenId))!), token: issued.token };
  }

  private async target(actor: Principal, request: IssueTokenDto) {
    if ((request.principalId === undefined) === (request.principal === undefined)) {
      throw new ValidationError('give either principalId or principal', [
        { field: 'principalId', message: 'give the id of an existing principal, or `principal` to create one, not both' },
      ]);
    }
    if (request.principal) {
      return { principalId: randomUUID(), tenant: administeredTenant(actor, request.principal.tenant), create: request.principal };
    }
    const row = await findPrincipal(this.orm.em.fork(), request.principalId!);
    if (!row || !administers(actor, row.tenant)) throw new KeyledgerError('NOT_FOUND', `principal ${request.principalId} not found`);
    return { principalId: row.id, tenant: row.tenant, create: undefined };
  }
}
