import type { EntityManager } from '@mikro-orm/postgresql';
import {
  decide,
  evolve,
  foldCredential,
  KeyledgerError,
  type CredentialCommand,
  type CredentialEvent,
  type CredentialState,
} from '#domain';
import { appendToStream, readStream } from '#event-store';
import type { Vault } from '#secrets';
import { CREDENTIAL_STREAM_TYPE, credentialStreamId, toCredentialEvent } from './credential-stream.js';
import type { CredentialView } from './credential-view/credential-view.js';
import { projectCredentialEvents } from './credential-view/credential-view.writer.js';
import { applyWriteSideEffects } from './write-side-effects.js';

/** A credential's state and the stream version it was folded from: the version the next append expects. */
export interface LoadedCredential {
  credentialId: string;
  version: number;
  state: CredentialState;
}

export async function loadCredential(em: EntityManager, credentialId: string): Promise<LoadedCredential> {
  const stream = await readStream(em, credentialStreamId(credentialId));
  return { credentialId, version: stream.version, state: foldCredential(stream.events.map(toCredentialEvent)) };
}

/** Runs each command through `decide` against the state the previous ones left; the events and the state they lead to. */
export function decideAll(commands: CredentialCommand[], initial: CredentialState): { events: CredentialEvent[]; state: CredentialState } {
  const events: CredentialEvent[] = [];
  let state = initial;
  for (const command of commands) {
    for (const event of decide(command, state)) {
      state = evolve(state, event);
      events.push(event);
    }
  }
  return { events, state };
}

/**
 * Appends decided events in the caller's transaction: the side effects that
 * must commit with them, the append with the loaded version as the expected
 * one (a concurrent writer makes it fail with VERSION_CONFLICT, never lose an
 * update), then the read model. `newStreamTenant` is needed only for a stream
 * that does not exist yet. Returns the projected row of the credential.
 */
export async function appendCredentialEvents(
  tx: EntityManager,
  vault: Vault,
  loaded: LoadedCredential,
  events: CredentialEvent[],
  newStreamTenant?: string,
): Promise<Map<string, CredentialView>> {
  const tenant = loaded.state.status === 'absent' ? newStreamTenant : loaded.state.tenant;
  if (tenant === undefined) throw new KeyledgerError('NOT_FOUND', `credential ${loaded.credentialId} not found`);
  await applyWriteSideEffects(tx, vault, loaded.state, events);
  const appended = await appendToStream(tx, credentialStreamId(loaded.credentialId), events, {
    streamType: CREDENTIAL_STREAM_TYPE,
    tenant,
    expectedVersion: loaded.version,
  });
  return projectCredentialEvents(tx, appended.events);
}
