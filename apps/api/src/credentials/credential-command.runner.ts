import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { KeyledgerConfig } from '#config';
import {
  appendCredentialEvents,
  decideAll,
  loadCredential,
  loadViews,
  onlyReencryptedSince,
  SYSTEM_COMMAND_ATTEMPTS,
  type CredentialView,
  type LoadedCredential,
} from '#credential-store';
import {
  KeyledgerError,
  type CommandMetadata,
  type CredentialCommand,
  type CredentialEvent,
  type CredentialState,
  type RouteAction,
} from '#domain';
import { Vault } from '#secrets';
import { assertCredentialAccess } from '../access/credential-access.js';
import type { Principal } from '../auth/principal.js';
import { CONFIG, ORM } from '#runtime';
import { toCredentialResponse, type CredentialResponse } from './credential.response.js';
import { claimIdempotencyKey, rememberResponse, type IdempotencyRequest, type StoredResponse } from './idempotency.js';

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
 * The write path of every credential request, in one transaction: claim the
 * idempotency key, load the stream, check visibility and If-Match, decide,
 * append and project (#credential-store), remember the response.
 * A master-key rotation in `reencrypt` mode changes only ciphertexts, so a
 * request is never refused because of it: an If-Match older than only
 * re-encryptions still holds, and a request that lost a race to one (version
 * conflict, or the data key it read was retired) runs again.
 */
@Injectable()
export class CredentialCommandRunner {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    @Inject(CONFIG) private readonly config: KeyledgerConfig,
    private readonly vault: Vault,
  ) {}

  async run<T = CredentialResponse>(request: CredentialCommandRequest<T>): Promise<CredentialCommandResult<T>> {
    for (let attempt = 1; ; attempt++) {
      const seen: { version?: number } = {};
      try {
        return await this.orm.em.fork().transactional((tx) => this.runIn(tx, request, seen));
      } catch (error) {
        if (attempt >= SYSTEM_COMMAND_ATTEMPTS || !(await this.lostToReencryption(error, request.credentialId, seen.version))) throw error;
      }
    }
  }

  private async lostToReencryption(error: unknown, credentialId: string, version: number | undefined): Promise<boolean> {
    const code = (error as { code?: unknown } | null)?.code;
    if (version === undefined || (code !== 'VERSION_CONFLICT' && code !== 'DECRYPTION_FAILED')) return false;
    return onlyReencryptedSince(this.orm.em.fork(), credentialId, version);
  }

  private async runIn<T>(
    tx: EntityManager,
    request: CredentialCommandRequest<T>,
    seen: { version?: number },
  ): Promise<CredentialCommandResult<T>> {
    const { principal, credentialId, idempotency } = request;
    if (idempotency) {
      const replay = await claimIdempotencyKey<T>(tx, principal.tenant, idempotency, this.config.idempotencyTtlHours);
      if (replay) return replay;
    }
    const loaded = await loadCredential(tx, credentialId);
    seen.version = loaded.version;
    assertCredentialAccess(loaded.state, principal, credentialId, request.action);
    await assertIfMatch(tx, request.ifMatch, loaded);
    const metadata = { actor: principal.id, now: new Date().toISOString() };
    const decided = decideAll(await request.build(tx, loaded.state, metadata), loaded.state);
    const { events } = decided;
    const view = events.length > 0
      ? (await appendCredentialEvents(tx, this.vault, loaded, events, principal.tenant)).get(credentialId)
      : (await loadViews(tx, [credentialId])).get(credentialId);
    if (!view) throw new KeyledgerError('NOT_FOUND', `credential ${credentialId} not found`);
    const answer = request.respond?.({ view, ...decided }) ?? { body: toCredentialResponse(view) as T };
    const response = { statusCode: answer.statusCode ?? request.successStatus, body: answer.body, replayed: false };
    if (idempotency) await rememberResponse(tx, principal.tenant, idempotency, response);
    return response;
  }
}

async function assertIfMatch(tx: EntityManager, ifMatch: number | undefined, loaded: LoadedCredential): Promise<void> {
  if (ifMatch === undefined || ifMatch === loaded.version) return;
  if (ifMatch < loaded.version && (await onlyReencryptedSince(tx, loaded.credentialId, ifMatch))) return;
  throw new KeyledgerError('PRECONDITION_FAILED', `If-Match "${ifMatch}" does not match the current version "${loaded.version}"`);
}
