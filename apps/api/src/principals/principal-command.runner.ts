import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  decidePrincipal,
  evolvePrincipal,
  initialPrincipalState,
  PRINCIPAL_STREAM_TYPE,
  principalStreamId,
  type PrincipalCommand,
  type PrincipalEvent,
  type PrincipalState,
} from '#domain';
import { Clock, commandHandler, IdSource, type BuildCommands, type Decider } from '#event-store';
import type { CommandContext } from '../http/command-context.js';
import { IdempotentCommands, type StoredResponse } from '../http/idempotency.js';
import { projectPrincipalEvents } from './principal-projection.js';

const principalDecider: Decider<PrincipalCommand, PrincipalEvent, PrincipalState> = {
  streamType: PRINCIPAL_STREAM_TYPE,
  decide: decidePrincipal,
  evolve: evolvePrincipal,
  initialState: initialPrincipalState,
};

const handle = commandHandler(principalDecider);

export interface PrincipalCommandRequest<T> extends CommandContext {
  principalId: string;
  /** Tenant of a principal being created; an existing principal keeps its own. */
  tenant: string;
  /** Status code of a successful first execution. */
  successStatus: number;
  build: BuildCommands<PrincipalCommand, PrincipalState>;
  /** Secret hashes of the tokens the commands issue, by token id. */
  secretHashes?: ReadonlyMap<string, string>;
  /** The response body, read in the command's transaction after the projection. */
  respond(tx: EntityManager): Promise<T>;
}

/**
 * The principals' adapter to the one command handler: Idempotency-Key, then
 * the command, kl_principals and kl_tokens projected and the response read in
 * the same transaction.
 */
@Injectable()
export class PrincipalCommandRunner {
  constructor(
    private readonly idempotent: IdempotentCommands,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  run<T>(request: PrincipalCommandRequest<T>): Promise<StoredResponse<T>> {
    const { principal, principalId, tenant, build } = request;
    return this.idempotent.run(request, (em) =>
      handle(em, principalStreamId(principalId), build, {
        actor: principal.id,
        env: { clock: this.clock, ids: this.ids },
        tenant,
        after: async ({ tx, loaded, events, appended }) => {
          if (appended !== null) {
            const streamTenant = loaded.tenant ?? tenant;
            await projectPrincipalEvents(tx, streamTenant, events, appended.nextVersion, request.secretHashes ?? new Map());
          }
          return { statusCode: request.successStatus, body: await request.respond(tx) };
        },
      }),
    );
  }
}
