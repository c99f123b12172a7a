import type { EntityManager } from '@mikro-orm/postgresql';
import { decide, evolve, initialState, type CredentialCommand, type CredentialEvent, type CredentialState } from '#domain';
import {
  commandHandler,
  loadStream,
  type BuildCommands,
  type CommandEnvironment,
  type CommandOutcome,
  type Decider,
  type HandleOptions,
  type LoadedStream,
} from '#event-store';
import type { Vault } from '#secrets';
import { CREDENTIAL_STREAM_TYPE, credentialStreamId } from './credential-stream.js';
import type { CredentialView } from './credential-view/credential-view.js';
import { projectCredentialEvents } from './credential-view/credential-view.writer.js';
import { applyWriteSideEffects } from './write-side-effects.js';

export const credentialDecider: Decider<CredentialCommand, CredentialEvent, CredentialState> = {
  streamType: CREDENTIAL_STREAM_TYPE,
  decide,
  evolve,
  initialState,
};

const handle = commandHandler(credentialDecider);

/** A credential's state and the stream version it was folded from: the version the next append expects. */
export interface LoadedCredential extends LoadedStream<CredentialState> {
  credentialId: string;
}

export async function loadCredential(em: EntityManager, credentialId: string): Promise<LoadedCredential> {
  return { credentialId, ...(await loadStream(credentialDecider, em, credentialStreamId(credentialId))) };
}

/** A command's outcome with the projected rows of the credentials its events touched. */
export interface CredentialOutcome extends CommandOutcome<CredentialEvent, CredentialState> {
  views: Map<string, CredentialView>;
}

export interface CredentialCommandRequest<R> extends Pick<HandleOptions<CredentialEvent, CredentialState, R>, 'authorize' | 'retry'> {
  credentialId: string;
  actor: string;
  env: CommandEnvironment;
  /** Tenant of a credential being registered. */
  tenant?: string;
  /** The command(s) from the current state; may seal secrets in `context.tx`. [] records nothing. */
  build: BuildCommands<CredentialCommand, CredentialState>;
  /** The result, in the command's transaction; without it, the outcome itself. */
  after?(outcome: CredentialOutcome): R | Promise<R>;
}

/**
 * A credential command through the one command handler: the side effects
 * that must commit with the events (name reservations, crypto-shredding),
 * the append with the version read as the expected one, then the read model,
 * all in the attempt's transaction.
 */
export function handleCredentialCommand<R = CredentialOutcome>(
  em: EntityManager,
  vault: Vault,
  request: CredentialCommandRequest<R>,
): Promise<R> {
  const { credentialId, actor, env, tenant, authorize, retry, build } = request;
  return handle(em, credentialStreamId(credentialId), build, {
    actor,
    env,
    tenant,
    authorize,
    retry,
    beforeAppend: (tx, loaded, events) => applyWriteSideEffects(tx, vault, loaded.state, events),
    after: async (outcome) => {
      const views = outcome.appended
        ? await projectCredentialEvents(outcome.tx, outcome.appended.events)
        : new Map<string, CredentialView>();
      const projected = { ...outcome, views };
      return request.after ? request.after(projected) : (projected as R);
    },
  });
}
