import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { KeyledgerError, type CommandMetadata, type CredentialCommand, type CredentialEvent, type CredentialState } from '#domain';
import type { Vault } from '#secrets';
import { appendCredentialEvents, decideAll, loadCredential } from './credential-writes.js';

/** The actor of every event the worker records. */
export const WORKER_ACTOR = 'system:worker';

export interface SystemCommandRequest {
  credentialId: string;
  actor: string;
  /** Builds the command(s) from the current state; [] records nothing. */
  build(tx: EntityManager, state: CredentialState, metadata: CommandMetadata): CredentialCommand[] | Promise<CredentialCommand[]>;
}

export const SYSTEM_COMMAND_ATTEMPTS = 5;

/**
 * A command issued by the system rather than a request (a job's result): the
 * same load, decide, append and projection as the API's write path, in its
 * own transaction. Nobody is waiting to resolve a conflict, so a
 * VERSION_CONFLICT (a user changed the credential meanwhile) reloads and
 * decides again. Returns the events recorded.
 */
export async function runSystemCommand(
  orm: MikroORM,
  vault: Vault,
  request: SystemCommandRequest,
  attempts = SYSTEM_COMMAND_ATTEMPTS,
): Promise<CredentialEvent[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await orm.em.fork().transactional((tx) => decideAndAppend(tx, vault, request));
    } catch (error) {
      const conflict = error instanceof KeyledgerError && error.code === 'VERSION_CONFLICT';
      if (!conflict || attempt >= attempts) throw error;
    }
  }
}

async function decideAndAppend(tx: EntityManager, vault: Vault, request: SystemCommandRequest): Promise<CredentialEvent[]> {
  const loaded = await loadCredential(tx, request.credentialId);
  const metadata = { actor: request.actor, now: new Date().toISOString() };
  const { events } = decideAll(await request.build(tx, loaded.state, metadata), loaded.state);
  if (events.length > 0) await appendCredentialEvents(tx, vault, loaded, events);
  return events;
}
