import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '../auth/auth.module.js';
import { CommandContextFactory } from '../http/command-context.js';
import { IdempotentCommands } from '../http/idempotency.js';
import { CreatePrincipalController } from './commands/create-principal/create-principal.controller.js';
import { CreatePrincipalHandler } from './commands/create-principal/create-principal.handler.js';
import { IssueTokenController } from './commands/issue-token/issue-token.controller.js';
import { IssueTokenHandler } from './commands/issue-token/issue-token.handler.js';
import { RevokeTokenController } from './commands/revoke-token/revoke-token.controller.js';
import { RevokeTokenHandler } from './commands/revoke-token/revoke-token.handler.js';
import { PrincipalCommandRunner } from './principal-command.runner.js';
import { ListPrincipalsController } from './queries/list-principals/list-principals.controller.js';
import { GetPrincipalHandler, ListPrincipalsHandler } from './queries/list-principals/list-principals.handler.js';
import { MeController } from './queries/me/me.controller.js';
import { ListTokensController } from './queries/list-tokens/list-tokens.controller.js';
import { ListTokensHandler } from './queries/list-tokens/list-tokens.handler.js';

/** Principals (who may call, with which role, in which tenant) and their bearer tokens. */
@Module({
  imports: [CqrsModule, AuthModule],
  controllers: [
    MeController,
    CreatePrincipalController,
    ListPrincipalsController,
    IssueTokenController,
    ListTokensController,
    RevokeTokenController,
  ],
  providers: [
    CommandContextFactory,
    IdempotentCommands,
    PrincipalCommandRunner,
    CreatePrincipalHandler,
    IssueTokenHandler,
    RevokeTokenHandler,
    ListPrincipalsHandler,
    GetPrincipalHandler,
    ListTokensHandler,
  ],
})
export class PrincipalsModule {}
