import type { MikroORM } from '@mikro-orm/postgresql';
import { runSystemCommand, WORKER_ACTOR } from '#credential-store';
import type { CredentialEvent } from '#domain';
import type { CommandEnvironment } from '#event-store';
import type { Vault } from '#secrets';
import type { ReminderJobData } from './expiry-scan.js';

/**
 * Records one reminder through the domain (`RemindExpiry`), which records
 * nothing if the threshold is not reached, already covered, or the expiry
 * date has changed since the scan: a job run twice or late is harmless.
 * The reminder is judged at `env.clock`'s now; a deactivated, destroyed or
 * unknown credential gets nothing.
 */
export function remindExpiry(orm: MikroORM, vault: Vault, env: CommandEnvironment, job: ReminderJobData): Promise<CredentialEvent[]> {
  return runSystemCommand(orm, vault, {
    credentialId: job.credentialId,
    actor: WORKER_ACTOR,
    env,
    build: (_tx, state, metadata) => (state.status !== 'active' ? [] : [{ type: 'RemindExpiry', data: { ...job }, metadata }]),
  });
}
