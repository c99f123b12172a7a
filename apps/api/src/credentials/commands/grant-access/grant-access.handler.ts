import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { findActiveGrant } from '#domain';
import { IdSource } from '#event-store';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { toGrantResponse, type GrantChangeResponse } from '../../grant.response.js';
import { GrantAccessCommand } from './grant-access.command.js';
import { assertGranteeInTenant, existing } from './grantee.js';

/** 201 with a new grant; 200 with the grant already in force for the same grantee and permission (nothing recorded). */
@CommandHandler(GrantAccessCommand)
export class GrantAccessHandler implements ICommandHandler<GrantAccessCommand> {
  constructor(
    private readonly runner: CredentialCommandRunner,
    private readonly ids: IdSource,
  ) {}

  execute({ context, credentialId, grantee, permission }: GrantAccessCommand): Promise<CredentialCommandResult<GrantChangeResponse>> {
    const grantId = this.ids.uuid();
    return this.runner.run<GrantChangeResponse>({
      ...context,
      credentialId,
      action: 'grant',
      successStatus: 201,
      build: async (state, { tx, metadata }) => {
        if (grantee.kind === 'principal') await assertGranteeInTenant(tx, grantee.id, existing(state).tenant);
        return [{ type: 'GrantAccess', data: { credentialId, grantId, grantee, permission }, metadata }];
      },
      respond: ({ view, state, events }) => {
        const grant = findActiveGrant(existing(state), grantee, permission)!;
        const body = { ...toGrantResponse(credentialId, grant), credentialVersion: view.version };
        return { statusCode: events.length > 0 ? 201 : 200, body };
      },
    });
  }
}
