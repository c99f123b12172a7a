import { Inject, Injectable } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import { loadCredential, openTestTarget } from '#credential-store';
import type { CredentialCommand, TestOutcome } from '#domain';
import { IdSource } from '#event-store';
import { checkCredential } from '#health-checks';
import { CONFIG, ORM } from '#runtime';
import { Vault } from '#secrets';
import { findAccessibleView } from '../../access/credential-access.js';
import { CredentialCommandRunner, type CredentialCommandResult } from '../../credentials/credential-command.runner.js';
import type { CommandContext } from '../../http/command-context.js';
import { lastTestStatus } from './glassdome-credential.js';

/** Glassdome's answer to a test: did the credential work, and the credential's test record after it. */
export interface GlassdomeTestAnswer {
  success: boolean;
  /** `Connection successful`, or what failed where (never the secret). */
  message: string;
  last_tested_at: string | null;
  last_test_status: boolean | null;
}

/**
 * Glassdome tests a stored credential and answers at once. The check is the
 * one the worker runs for POST /v1/credentials/{id}/test (the type's tester,
 * KEYLEDGER_HEALTHCHECK_TIMEOUT, the secret scrubbed from any message); its
 * request and result are recorded together, by the caller, as
 * CredentialTestRequested and CredentialTestSucceeded/Failed (with the
 * health alert and its notification), through the same command runner:
 * access policy, Idempotency-Key, events and audit trail. The worker's job
 * for that request then finds it answered and does not test again.
 */
@Injectable()
export class GlassdomeCredentialTest {
  constructor(
    private readonly runner: CredentialCommandRunner,
    private readonly vault: Vault,
    private readonly ids: IdSource,
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
  ) {}

  async run(context: CommandContext, credentialId: string): Promise<CredentialCommandResult<GlassdomeTestAnswer>> {
    const outcome = await this.check(context, credentialId);
    const requestId = this.ids.uuid();
    return this.runner.run<GlassdomeTestAnswer>({
      ...context,
      credentialId,
      action: 'test',
      successStatus: 200,
      build: (_state, { metadata }) => {
        const commands: CredentialCommand[] = [{ type: 'RequestCredentialTest', data: { credentialId, requestId }, metadata }];
        if (outcome) {
          commands.push({ type: 'RecordCredentialTestResult', data: { credentialId, requestId, slot: null, ...outcome }, metadata });
        }
        return commands;
      },
      respond: ({ view }) => ({
        body: {
          success: outcome?.ok === true,
          message: outcome === null ? 'not tested: the credential was not active' : outcome.ok ? 'Connection successful' : outcome.error,
          last_tested_at: view.lastTestedAt,
          last_test_status: lastTestStatus(view),
        },
      }),
    });
  }

  /**
   * The check, once the caller may test the credential; none for a credential
   * that is not active (opening nothing), whose request the command refuses.
   */
  private async check(context: CommandContext, credentialId: string): Promise<TestOutcome | null> {
    const em = this.orm.em.fork();
    await findAccessibleView(em, context.principal, credentialId, 'test');
    const { state } = await loadCredential(em, credentialId);
    if (state.status !== 'active') return null;
    return checkCredential(await openTestTarget(em, this.vault, state), this.config.healthcheckTimeoutMs);
  }
}
