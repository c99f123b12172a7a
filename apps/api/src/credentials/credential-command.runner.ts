import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  handleCredentialCommand,
  loadViews,
  lostOnlyToSystemEvents,
  onlyReencryptedSince,
  type CredentialOutcome,
  type CredentialView,
} from '#credential-store';
import { KeyledgerError, type CredentialCommand, type CredentialEvent, type CredentialState, type RouteAction } from '#domain';
import { Clock, IdSource, isVersionConflict, type BuildCommands, type LoadedStream } from '#event-store';
import { Vault } from '#secrets';
import { assertCredentialAccess } from '../access/credential-access.js';
import type { CommandContext } from '../http/command-context.js';
import { IdempotentCommands, type CommandResponse, type StoredResponse } from '../http/idempotency.js';
import { toCredentialResponse, type CredentialResponse } from './credential.response.js';

export interface CredentialCommandRequest<T = CredentialResponse> extends CommandContext {
  credentialId: string;
  /** What the command does, for the access policy (`create` for a new credential). */
  action: RouteAction;
  /** Status code of a successful first execution. */
  successStatus: number;
  /**
   * The request states no precondition on the credential's state (an upsert
   * of another system's API): a version conflict decides again on a fresh
   * read instead of answering 409.
   */
  redecideOnConflict?: boolean;
  /** Builds the command(s) from the current state; may seal secrets in `context.tx`. */
  build: BuildCommands<CredentialCommand, CredentialState>;
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
 * The credential requests' adapter to the one command handler: Idempotency-Key,
 * the access policy and If-Match before deciding, the masked view as the
 * response. A master-key rotation in `reencrypt` mode changes only
 * ciphertexts, so a request is never refused because of it: an If-Match
 * older than only re-encryptions still holds, and a request that lost a race
 * to one (version conflict, or the data key it read was retired) runs again.
 * So does a request that lost a race to a health-check result or an expiry
 * reminder (its If-Match, if any, is checked again on the new state).
 */
@Injectable()
export class CredentialCommandRunner {
  constructor(
    private readonly idempotent: IdempotentCommands,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  run<T = CredentialResponse>(request: CredentialCommandRequest<T>): Promise<CredentialCommandResult<T>> {
    const { principal, credentialId } = request;
    return this.idempotent.run(request, (em) =>
      handleCredentialCommand(em, this.vault, {
        credentialId,
        actor: principal.id,
        env: { clock: this.clock, ids: this.ids },
        tenant: principal.tenant,
        authorize: async (tx, loaded) => {
          assertCredentialAccess(loaded.state, principal, credentialId, request.action);
          await assertIfMatch(tx, request.ifMatch, credentialId, loaded);
        },
        retry: async (error, loaded, em) =>
          (request.redecideOnConflict === true && isVersionConflict(error)) || lostOnlyToSystemEvents(credentialId)(error, loaded, em),
        build: request.build,
        after: (outcome) => respond(outcome, request),
      }),
    );
  }
}

async function respond<T>(outcome: CredentialOutcome, request: CredentialCommandRequest<T>): Promise<CommandResponse<T>> {
  const { credentialId } = request;
  const view = outcome.appended ? outcome.views.get(credentialId) : (await loadViews(outcome.tx, [credentialId])).get(credentialId);
  if (!view) throw new KeyledgerError('NOT_FOUND', `credential ${credentialId} not found`);
  const answer = request.respond?.({ view, state: outcome.state, events: outcome.events }) ?? { body: toCredentialResponse(view) as T };
  return { statusCode: answer.statusCode ?? request.successStatus, body: answer.body };
}

async function assertIfMatch(
  tx: EntityManager,
  ifMatch: number | undefined,
  credentialId: string,
  loaded: LoadedStream<CredentialState>,
): Promise<void> {
  if (ifMatch === undefined || ifMatch === loaded.version) return;
  if (ifMatch < loaded.version && (await onlyReencryptedSince(tx, credentialId, ifMatch))) return;
  throw new KeyledgerError('PRECONDITION_FAILED', `If-Match "${ifMatch}" does not match the current version "${loaded.version}"`);
}
