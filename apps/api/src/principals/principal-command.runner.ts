import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  decidePrincipal,
  evolvePrincipal,
  foldPrincipal,
  PRINCIPAL_STREAM_TYPE,
  principalStreamId,
  type CommandMetadata,
  type PrincipalCommand,
  type PrincipalEvent,
  type PrincipalState,
} from '#domain';
import { appendToStream, readStream } from '#event-store';
import type { Principal } from '../auth/principal.js';
import { ORM } from '#runtime';
import { projectPrincipalEvents } from './principal-projection.js';

export interface PrincipalCommandRequest {
  actor: Principal;
  principalId: string;
  /** Tenant of a principal being created; an existing principal keeps its own. */
  tenant: string;
  build(state: PrincipalState, metadata: CommandMetadata): PrincipalCommand[];
  /** Secret hashes of the tokens the commands issue, by token id. */
  secretHashes?: ReadonlyMap<string, string>;
}

/** The principal write path, in one transaction: load, decide, append, project. */
@Injectable()
export class PrincipalCommandRunner {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  run(request: PrincipalCommandRequest): Promise<PrincipalEvent[]> {
    return this.orm.em.fork().transactional((tx) => this.runIn(tx, request));
  }

  private async runIn(tx: EntityManager, request: PrincipalCommandRequest): Promise<PrincipalEvent[]> {
    const streamId = principalStreamId(request.principalId);
    const stream = await readStream(tx, streamId);
    const initial = foldPrincipal(stream.events.map((e) => ({ type: e.type, data: e.data }) as PrincipalEvent));
    const metadata = { actor: request.actor.id, now: new Date().toISOString() };
    const events: PrincipalEvent[] = [];
    let state = initial;
    for (const command of request.build(initial, metadata)) {
      for (const event of decidePrincipal(command, state)) {
        state = evolvePrincipal(state, event);
        events.push(event);
      }
    }
    if (events.length === 0) return events;
    const tenant = initial.status === 'active' ? initial.tenant : request.tenant;
    const appended = await appendToStream(tx, streamId, events, { streamType: PRINCIPAL_STREAM_TYPE, tenant, expectedVersion: stream.version });
    await projectPrincipalEvents(tx, tenant, events, appended.nextVersion, request.secretHashes ?? new Map());
    return events;
  }
}
