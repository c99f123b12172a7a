import { Inject, Injectable } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import { loadCredential, openTestTarget, runSystemCommand, WORKER_ACTOR } from '#credential-store';
import { isTestResultDue, KeyledgerError, type TestTrigger } from '#domain';
import { healthCheckEgress, type EgressPolicy } from '#egress';
import { Clock, IdSource } from '#event-store';
import { Vault } from '#secrets';
import { CONFIG, ORM } from '#runtime';
import { checkCredential } from '#health-checks';

/** What a job returns (kept in Redis with the job): never the secret, never the error text. */
export interface CheckReport {
  status: 'ok' | 'failed' | 'skipped';
  recorded: boolean;
}

/**
 * One health check: skip it if its result would not be recorded (the
 * credential is no longer active, the request already has its result, the
 * slot is past), test, and record the outcome through the domain as
 * system:worker. A job that runs twice records once.
 */
@Injectable()
export class CredentialCheck {
  private readonly egress: EgressPolicy;

  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {
    this.egress = healthCheckEgress(config.egress);
  }

  async run(credentialId: string, trigger: TestTrigger): Promise<CheckReport> {
    const em = this.orm.em.fork();
    const { state } = await loadCredential(em, credentialId);
    if (state.status !== 'active' || !isTestResultDue(state.health, trigger)) return { status: 'skipped', recorded: false };
    const outcome = await checkCredential(
      await openTestTarget(em, this.vault, state),
      this.config.healthcheckTimeoutMs,
      undefined,
      this.egress,
    );
    try {
      const events = await runSystemCommand(this.orm, this.vault, {
        credentialId,
        actor: WORKER_ACTOR,
        env: { clock: this.clock, ids: this.ids },
        build: (_tx, _state, metadata) => [
          { type: 'RecordCredentialTestResult', data: { credentialId, ...trigger, ...outcome }, metadata },
        ],
      });
      return { status: outcome.ok ? 'ok' : 'failed', recorded: events.length > 0 };
    } catch (error) {
      // Destroyed while it was being tested: there is nothing left to record on.
      if (error instanceof KeyledgerError && error.code === 'CREDENTIAL_DESTROYED') return { status: 'skipped', recorded: false };
      throw error;
    }
  }
}
