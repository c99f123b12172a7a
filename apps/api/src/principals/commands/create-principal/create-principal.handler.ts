import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { IdSource } from '#event-store';
import { ORM } from '#runtime';
import { createPrincipal } from '../../new-principal.js';
import { PrincipalCommandRunner } from '../../principal-command.runner.js';
import { findPrincipal } from '../../principal-rows.js';
import { toPrincipalResponse, type PrincipalResponse } from '../../principal.response.js';
import { administeredTenant } from '../../tenant-scope.js';
import { CreatePrincipalCommand } from './create-principal.command.js';

@CommandHandler(CreatePrincipalCommand)
export class CreatePrincipalHandler implements ICommandHandler<CreatePrincipalCommand> {
  constructor(
    private readonly runner: PrincipalCommandRunner,
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly ids: IdSource,
  ) {}

  async execute({ actor, principal }: CreatePrincipalCommand): Promise<PrincipalResponse> {
    const tenant = administeredTenant(actor, principal.tenant);
    const principalId = this.ids.uuid();
    await this.runner.run({ actor, principalId, tenant, build: (_, { metadata }) => [createPrincipal(principalId, tenant, principal, metadata)] });
    return toPrincipalResponse((await findPrincipal(this.orm.em.fork(), principalId))!);
  }
}
