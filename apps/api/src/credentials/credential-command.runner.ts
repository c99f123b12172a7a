import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import {
  decide,
  evolve,
  foldCredential,
  KeyledgerError,
  type CommandMetadata,
  type CredentialCommand,
  type CredentialEvent,
  type CredentialState,
  type RouteAction,
} from '#domain';
import { appendToStream, readStream } from '#event-store';
import { Vault } from '#secrets';
import { assertCredentialAccess } from '../access/credential-access.js';
import type { Principal } from '../auth/principal.js';
import { CONFIG, ORM } from '../infrastructure/tokens.js';
import type { CredentialView } from '../projections/credential-view/credential-view.js';
import { loadViews, projectCredentialEvents } from '../projections/credential-view/credential-view.writer.js';
import { CREDENTIAL_STREAM_TYPE, credentialStreamId, toCredentialEvent } from './credential-stream.js';
import { toCredentialResponse, type CredentialResponse } from './credential.response.js';
import { claimIdempotencyKey, rememberResponse, type IdempotencyRequest, type StoredResponse } from './idempotency.js';
import { applyWriteSideEffects } from './write-side-effects.js';

export interface CredentialCommandRequest<T = CredentialResponse> {
  principal: Principal;
  credentialId: string;
  /** What the command does, for the access policy (`create` for a new credential). */
  action: RouteAction;
  /** Status code of a successful first execution. */
  successStatus: number;
  ifMatch?: number;
  idempotency?: IdempotencyRequest;
  /** Builds the command(s) from the current state; may seal secrets in `tx`. */
  build(tx: EntityManager, state: CredentialState, metadata: CommandMetadata): Promise<CredentialCommand[]>;
  /** The response, from the credential after the command; without it, the masked credential. */
  respond?(outcome: CommandOutcome): { statusCode?: number; body: T };
}

export interface CommandOutcome {
  view: CredentialView;
  state: CredentialState;
  events: CredentialEvent[];
}

export type CredentialCommandResult<T = CredentialResponse> = StoredResponse<T>;

/**
 * The write path of every credential command, in one transaction: claim the
 * idempotency key, load the stream, check If-Match, decide, apply the
 * same-transaction side effects, append with the loaded version as the
 * expected one, update the read model, remember the response.
 */
@Injectable()
export class CredentialCommandRunner {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    private readonly vault: Vault,
  ) {}

  run<T = CredentialResponse>(request: CredentialCommandRequest<T>): Promise<CredentialCommandResult<T>> {
    return this.orm.em.fork().transactional((tx) => this.runIn(tx, request));
  }

  private async runIn<T>(tx: EntityManager, request: CredentialCommandRequest<T>): Promise<CredentialCommandResult<T>> {
    const { principal, credentialId, idempotency } = request;
    if (idempotency) {
      const replay = await claimIdempotencyKey<T>(tx, principal.tenant, idempotency, this.config.idempotencyTtlHours);
      if (replay) return replay;
    }
    const stream = await readStream(tx, credentialStreamId(credentialId));
    const state = foldCredential(stream.events.map(toCredentialEvent));
    assertCredentialAccess(state, principal, credentialId, request.action);
    if (request.ifMatch !== undefined && request.ifMatch !== stream.version) {
      throw new KeyledgerError('PRECONDITION_FAILED', `If-Match "${request.ifMatch}" does not match the current version "${stream.version}"`);
    }
    const metadata = { actor: principal.id, now: new Date().toISOString() };
    const decided = decideAll(await request.build(tx, state, metadata), state);
    const { events } = decided;
    const view = events.length > 0
      ? (await this.appendAndProject(tx, stream.version, state, principal, credentialId, events)).get(credentialId)
      : (await loadViews(tx, [credentialId])).get(credentialId);
    if (!view) throw new KeyledgerError('NOT_FOUND', `credential ${credentialId} not found`);
    const answer = request.respond?.({ view, ...decided }) ?? { body: toCredentialResponse(view) as T };
    const response = { statusCode: answer.statusCode ?? request.successStatus, body: answer.body, replayed: false };
    if (idempotency) await rememberResponse(tx, principal.tenant, idempotency, response);
    return response;
  }

  private async appendAndProject(
    tx: EntityManager,
    expectedVersion: number,
    state: CredentialState,
    principal: Principal,
    credentialId: string,
    events: CredentialEvent[],
  ): Promise<Map<string, CredentialView>> {
    await applyWriteSideEffects(tx, this.vault, state, events);
    const appended = await appendToStream(tx, credentialStreamId(credentialId), events, {
      streamType: CREDENTIAL_STREAM_TYPE,
      tenant: state.status === 'absent' ? principal.tenant : state.tenant,
      expectedVersion,
    });
    return projectCredentialEvents(tx, appended.events);
  }
}

/** The events of every command in turn, and the state they lead to. */
function decideAll(commands: CredentialCommand[], initial: CredentialState): { events: CredentialEvent[]; state: CredentialState } {
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
