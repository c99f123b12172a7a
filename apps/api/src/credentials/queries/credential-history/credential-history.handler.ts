import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { secretVersionHistory } from '#domain';
import { readStream, type RecordedEvent } from '#event-store';
import { ORM } from '#runtime';
import { findAccessibleView } from '../../../access/credential-access.js';
import { credentialStreamId, toCredentialEvent } from '#credential-store';
import type { SecretVersionsResponse, StreamEventResponse, StreamEventsResponse } from './credential-history.dto.js';
import { CredentialHistoryQuery } from './credential-history.query.js';

@QueryHandler(CredentialHistoryQuery)
export class CredentialHistoryHandler implements IQueryHandler<CredentialHistoryQuery> {
  constructor(@Inject(ORM) private readonly orm: MikroORM) {}

  async execute({ principal, credentialId, view }: CredentialHistoryQuery): Promise<SecretVersionsResponse | StreamEventsResponse> {
    const em = this.orm.em.fork();
    const current = await findAccessibleView(em, principal, credentialId, 'read');
    const stream = await readStream(em, credentialStreamId(credentialId));
    if (view === 'events') return { credentialId, version: stream.version, events: stream.events.map(presentEvent) };
    const versions = secretVersionHistory(stream.events.map(toCredentialEvent)).map(({ dekId: _dekId, ...version }) => ({
      ...version,
      current: current.status !== 'destroyed' && version.secretVersion === current.secretVersion,
    }));
    return { credentialId, versions };
  }
}

/** An event as the API shows it: a sealed secret is reduced to its masked preview. */
function presentEvent(event: RecordedEvent): StreamEventResponse {
  const { secret, ...data } = event.data as Record<string, unknown> & { secret?: { preview: string } };
  return {
    position: event.globalPosition,
    version: event.streamVersion!,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    data: secret ? { ...data, secretPreview: secret.preview } : data,
    hash: event.hash,
  };
}
