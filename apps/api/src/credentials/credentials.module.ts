import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandContextFactory } from '../http/command-context.js';
import { IdempotentCommands } from '../http/idempotency.js';
import { ChangeStatusController } from './commands/change-status/change-status.controller.js';
import { ChangeStatusHandler } from './commands/change-status/change-status.handler.js';
import { RegisterCredentialController } from './commands/register-credential/register-credential.controller.js';
import { RegisterCredentialHandler } from './commands/register-credential/register-credential.handler.js';
import { RevealSecretController } from './commands/reveal-secret/reveal-secret.controller.js';
import { RevealSecretHandler } from './commands/reveal-secret/reveal-secret.handler.js';
import { RotateSecretController } from './commands/rotate-secret/rotate-secret.controller.js';
import { RotateSecretHandler } from './commands/rotate-secret/rotate-secret.handler.js';
import { TestCredentialController } from './commands/test-credential/test-credential.controller.js';
import { TestCredentialHandler } from './commands/test-credential/test-credential.handler.js';
import { TestUnsavedCredentialController } from './commands/test-unsaved-credential/test-unsaved-credential.controller.js';
import { TestUnsavedCredentialHandler } from './commands/test-unsaved-credential/test-unsaved-credential.handler.js';
import { UpdateCredentialController } from './commands/update-credential/update-credential.controller.js';
import { UpdateCredentialHandler } from './commands/update-credential/update-credential.handler.js';
import { CredentialCommandRunner } from './credential-command.runner.js';
import { GrantAccessController } from './commands/grant-access/grant-access.controller.js';
import { GrantAccessHandler } from './commands/grant-access/grant-access.handler.js';
import { RevokeGrantController } from './commands/revoke-grant/revoke-grant.controller.js';
import { RevokeGrantHandler } from './commands/revoke-grant/revoke-grant.handler.js';
import { ListGrantsController } from './queries/list-grants/list-grants.controller.js';
import { ListGrantsHandler } from './queries/list-grants/list-grants.handler.js';
import { CredentialUsageController } from './queries/credential-usage/credential-usage.controller.js';
import { CredentialUsageHandler } from './queries/credential-usage/credential-usage.handler.js';
import { CredentialSummaryController } from './queries/credential-summary/credential-summary.controller.js';
import { CredentialSummaryHandler } from './queries/credential-summary/credential-summary.handler.js';
import { CredentialHistoryController } from './queries/credential-history/credential-history.controller.js';
import { CredentialHistoryHandler } from './queries/credential-history/credential-history.handler.js';
import { GetCredentialController } from './queries/get-credential/get-credential.controller.js';
import { GetCredentialHandler } from './queries/get-credential/get-credential.handler.js';
import { ListCredentialsController } from './queries/list-credentials/list-credentials.controller.js';
import { ListCredentialsHandler } from './queries/list-credentials/list-credentials.handler.js';

@Module({
  imports: [CqrsModule],
  controllers: [
    // `lookup`, `test` and `summary` are registered before `:id` routes so they are never read as an id.
    RevealSecretController,
    RegisterCredentialController,
    TestUnsavedCredentialController,
    ListCredentialsController,
    CredentialSummaryController,
    GetCredentialController,
    CredentialHistoryController,
    UpdateCredentialController,
    RotateSecretController,
    ChangeStatusController,
    GrantAccessController,
    ListGrantsController,
    CredentialUsageController,
    RevokeGrantController,
    TestCredentialController,
  ],
  providers: [
    CredentialCommandRunner,
    CommandContextFactory,
    IdempotentCommands,
    RegisterCredentialHandler,
    UpdateCredentialHandler,
    RotateSecretHandler,
    ChangeStatusHandler,
    TestCredentialHandler,
    TestUnsavedCredentialHandler,
    RevealSecretHandler,
    ListCredentialsHandler,
    GetCredentialHandler,
    CredentialHistoryHandler,
    GrantAccessHandler,
    RevokeGrantHandler,
    ListGrantsHandler,
    CredentialUsageHandler,
    CredentialSummaryHandler,
  ],
  // For adapters of other systems' routes (apps/api/src/compat), which send the same commands.
  exports: [CredentialCommandRunner, CommandContextFactory],
})
export class CredentialsModule {}
