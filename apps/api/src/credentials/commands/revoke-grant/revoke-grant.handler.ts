import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { toGrantResponse, type GrantChangeResponse } from '../../grant.response.js';
import { existing } from '../grant-access/grantee.js';
import { RevokeGrantCommand } from './revoke-grant.command.js';

/** 200 with the revoked grant, also when it was revoked before (nothing recorded then); 404 for a grant never made. */
@CommandHandler(RevokeGrantCommand)
export class RevokeGrantHandler implements ICommandHandler<RevokeGrantCommand> {
  constructor(private readonly runner: CredentialCommandRunner) {}

  execute({ context, credentialId, grantId }: RevokeGrantCommand): Promise<CredentialCommandResult<GrantChangeResponse>> {
    return this.runner.run<GrantChangeResponse>({
      ...context,
      credentialId,
      action: 'grant',
      successStatus: 200,
      build: (_state, { metadata }) => [{ type: 'RevokeGrant', data: { credentialId, grantId }, metadata }],
      respond: ({ view, state }) => ({
        body: { ...toGrantResponse(credentialId, existing(state).grants[grantId]!), credentialVersion: view.version },
      }),
    });
  }
}
