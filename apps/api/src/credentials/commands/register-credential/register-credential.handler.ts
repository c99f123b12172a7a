import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { normalizeCredentialInput, validateCredentialInput, ValidationError } from '#domain';
import { IdSource } from '#event-store';
import { Vault } from '#secrets';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { RegisterCredentialCommand } from './register-credential.command.js';

@CommandHandler(RegisterCredentialCommand)
export class RegisterCredentialHandler implements ICommandHandler<RegisterCredentialCommand> {
  constructor(
    private readonly runner: CredentialCommandRunner,
    private readonly vault: Vault,
    private readonly ids: IdSource,
  ) {}

  execute({ context, fields }: RegisterCredentialCommand): Promise<CredentialCommandResult> {
    const issues = validateCredentialInput(fields, { mode: 'create' });
    if (issues.length > 0) throw new ValidationError('the credential is not valid for its template', issues);
    const { credentialType, metadata, secret } = normalizeCredentialInput(fields);
    const credentialId = this.ids.uuid();
    const tenant = context.principal.tenant;
    return this.runner.run({
      ...context,
      credentialId,
      action: 'create',
      successStatus: 201,
      build: async (_state, { tx, metadata: commandMetadata }) => [
        {
          type: 'RegisterCredential',
          data: { credentialId, tenant, credentialType, metadata, secret: await this.vault.sealFirst(tx, credentialId, secret!) },
          metadata: commandMetadata,
        },
      ],
    });
  }
}
