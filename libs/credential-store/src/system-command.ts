import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { CommandMetadata, CredentialCommand, CredentialEvent, CredentialState } from '#domain';
import type { CommandEnvironment } from '#event-store';
import type { Vault } from '#secrets';
import { handleCredentialCommand } from './credential-command.js';

/** The actor of every event the worker records. */
export const WORKER_ACTOR = 'system:worker';

export interface SystemCommandRequest {
  credentialId: string;
  actor: string;
  env: CommandEnvironment;
  /** Builds the command(s) from the current state; [] records nothing. */
  build: (tx: EntityManager, state: CredentialState, metadata: CommandMetadata) => CredentialCommand[] | Promise<CredentialCommand[]>;
}

/**
 * A command issued by the system rather than a request (a job's result),
 * through the same command handler as the API's requests. Nobody is waiting
 * to resolve a conflict, so a VERSION_CONFLICT (a user changed the credential
 * meanwhile) reloads and decides again. Returns the events recorded.
 */
export async function runSystemCommand(orm: MikroORM, vault: Vault, request: SystemCommandRequest): Promise<CredentialEvent[]> {
  const { credentialId, actor, env, build } = request;
  const outcome = await handleCredentialCommand(orm.em.fork(), vault, {
    credentialId,
    actor,
    env,
    build: (state, { tx, metadata }) => build(tx, state, metadata),
  });
  return outcome.events;
}
