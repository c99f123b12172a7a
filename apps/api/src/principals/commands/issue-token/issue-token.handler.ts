import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { generateToken } from '#crypto';
import { type PrincipalCommand } from '#domain';
import { IdSource } from '#event-store';
import { ORM } from '#runtime';
import { createPrincipal } from '../../new-principal.js';
import { PrincipalCommandRunner } from '../../principal-command.runner.js';
import { findToken } from '../../principal-rows.js';
import { toTokenResponse, type IssuedTokenResponse } from '../../principal.response.js';
import { IssueTokenCommand } from './issue-token.command.js';
import { tokenTarget } from './token-target.js';

/** Issues a token (creating its principal first if asked to); the token is in this response only. */
@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand> {
  constructor(
    private readonly runner: PrincipalCommandRunner,
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly ids: IdSource,
  ) {}

  async execute({ actor, request }: IssueTokenCommand): Promise<IssuedTokenResponse> {
    const { principalId, tenant, create } = await tokenTarget(this.orm.em.fork(), this.ids, actor, request);
    const issued = generateToken();
    const expiresAt = request.expiresAt === undefined ? null : new Date(request.expiresAt).toISOString();
    const issue = { tokenId: issued.tokenId, description: request.description ?? null, expiresAt };
    // No Idempotency-Key (the controller refuses one): a stored response could not hold the token.
    const { body } = await this.runner.run({
      principal: actor,
      principalId,
      tenant,
      successStatus: 201,
      secretHashes: new Map([[issued.tokenId, issued.secretHash]]),
      build: (_, { metadata }): PrincipalCommand[] => [
        ...(create ? [createPrincipal(principalId, tenant, create, metadata)] : []),
        { type: 'IssueToken', data: issue, metadata },
      ],
      respond: async (tx) => toTokenResponse((await findToken(tx, issued.tokenId))!),
    });
    return { ...body, token: issued.token };
  }
}
