import { Inject, Injectable } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';
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
import type { Principal } from '../auth/principal.js';
import { ORM } from '#runtime';
import { projectPrincipalEvents } from './principal-projection.js';

const principalDecider: Decider<PrincipalCommand, PrincipalEvent, PrincipalState> = {
  streamType: PRINCIPAL_STREAM_TYPE,
  decide: decidePrincipal,
  evolve: evolvePrincipal,
  initialState: initialPrincipalState,
};

const handle = commandHandler(principalDecider);

export interface PrincipalCommandRequest {
  actor: Principal;
  principalId: string;
  /** Tenant of a principal being created; an existing principal keeps its own. */
  tenant: string;
  build: BuildCommands<PrincipalCommand, PrincipalState>;
  /** Secret hashes of the tokens the commands issue, by token id. */
  secretHashes?: ReadonlyMap<string, string>;
}

/** The principals' adapter to the one command handler: projects kl_principals and kl_tokens in the same transaction. */
@Injectable()
export class PrincipalCommandRunner {
  constructor(
    @Inject(ORM) private readonly orm: MikroORM,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  run(request: PrincipalCommandRequest): Promise<PrincipalEvent[]> {
    const { actor, principalId, tenant, build } = request;
    return handle(this.orm.em.fork(), principalStreamId(principalId), build, {
      actor: actor.id,
      env: { clock: this.clock, ids: this.ids },
      tenant,
      after: async ({ tx, loaded, events, appended }) => {
        if (appended === null) return events;
        const streamTenant = loaded.tenant ?? tenant;
        await projectPrincipalEvents(tx, streamTenant, events, appended.nextVersion, request.secretHashes ?? new Map());
        return events;
      },
    });
  }
}
