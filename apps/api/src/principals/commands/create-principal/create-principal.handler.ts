import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IdSource } from '#event-store';
import type { StoredResponse } from '../../../http/idempotency.js';
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
    private readonly ids: IdSource,
  ) {}

  execute({ context, principal }: CreatePrincipalCommand): Promise<StoredResponse<PrincipalResponse>> {
    const tenant = administeredTenant(context.principal, principal.tenant);
    const principalId = this.ids.uuid();
    return this.runner.run({
      ...context,
      principalId,
      tenant,
      successStatus: 201,
      build: (_, { metadata }) => [createPrincipal(principalId, tenant, principal, metadata)],
      respond: async (tx) => toPrincipalResponse((await findPrincipal(tx, principalId))!),
    });
  }
}
