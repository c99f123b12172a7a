import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { credentialTestJobId } from '#runtime';
import { IdSource } from '#event-store';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credential-command.runner.js';
import { TestCredentialCommand } from './test-credential.command.js';
import type { TestCredentialResponse } from './test-credential.dto.js';

/**
 * Records CredentialTestRequested and answers with the job id. Nothing is
 * enqueued here: the worker's dispatcher turns the committed event into the
 * job, so a request accepted while Redis is down is still tested.
 */
@CommandHandler(TestCredentialCommand)
export class TestCredentialHandler implements ICommandHandler<TestCredentialCommand> {
  constructor(
    private readonly runner: CredentialCommandRunner,
    private readonly ids: IdSource,
  ) {}

  execute({ context, credentialId }: TestCredentialCommand): Promise<CredentialCommandResult<TestCredentialResponse>> {
    const requestId = this.ids.uuid();
    return this.runner.run({
      ...context,
      credentialId,
      action: 'test',
      successStatus: 202,
      build: (_state, { metadata }) => [{ type: 'RequestCredentialTest', data: { credentialId, requestId }, metadata }],
      respond: () => ({ body: { jobId: credentialTestJobId(credentialId, requestId) } }),
    });
  }
}
