import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { KeyledgerError } from '#domain';
import { TokenPrincipalResolver } from '../../../auth/token-principal.resolver.js';
import type { StoredResponse } from '../../../http/idempotency.js';
import { ORM } from '#runtime';
import { PrincipalCommandRunner } from '../../principal-command.runner.js';
import { findToken } from '../../principal-rows.js';
import { toTokenResponse, type TokenResponse } from '../../principal.response.js';
import { administers } from '../../tenant-scope.js';
import { RevokeTokenCommand } from './revoke-token.command.js';

/** Revokes a token; revoking it again answers the same, and records nothing new. */
@CommandHandler(RevokeTokenCommand)
export class RevokeTokenHandler implements ICommandHandler<RevokeTokenCommand> {
  constructor(
    private readonly runner: PrincipalCommandRunner,
    private readonly resolver: TokenPrincipalResolver,
    @Inject(ORM) private readonly orm: MikroORM,
  ) {}

  async execute({ context, tokenId }: RevokeTokenCommand): Promise<StoredResponse<TokenResponse>> {
    const token = await findToken(this.orm.em.fork(), tokenId);
    if (!token || !administers(context.principal, token.tenant)) throw new KeyledgerError('NOT_FOUND', `token ${tokenId} not found`);
    const result = await this.runner.run({
      ...context,
      principalId: token.principal_id,
      tenant: token.tenant,
      successStatus: 200,
      build: (_, { metadata }) => [{ type: 'RevokeToken', data: { tokenId }, metadata }],
      respond: async (tx) => toTokenResponse((await findToken(tx, tokenId))!),
    });
    this.resolver.forget(tokenId);
    return result;
  }
}
