import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { normalizeCredentialInput, validateCredentialInput, ValidationError } from '#domain';
import { Vault } from '#secrets';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { RegisterCredentialCommand } from './register-credential.command.js';

@CommandHandler(RegisterCredentialCommand)
export class RegisterCredentialHandler implements ICommandHandler<RegisterCredentialCommand> {
  constructor(
    private readonly runner: CredentialCommandRunner,
    private readonly vault: Vault,
  ) {}

  execute({ context, body }: RegisterCredentialCommand): Promise<CredentialCommandResult> {
    const issues = validateCredentialInput(body, { mode: 'create' });
    if (issues.length > 0) throw new ValidationError('the credential is not valid for its template', issues);
    const { credentialType, metadata, secret } = normalizeCredentialInput(body);
    const credentialId = randomUUID();
    return this.runner.run({
      ...context,
      credentialId,
      action: 'create',
      successStatus: 201,
      build: async (tx, _state, commandMetadata) => [
        {
          type: 'RegisterCredential',
          data: {
            credentialId,
            tenant: context.principal.tenant,
            credentialType,
            metadata,
            secret: await this.vault.sealFirst(tx, credentialId, secret!),
          },
          metadata: commandMetadata,
        },
      ],
    });
  }
}
