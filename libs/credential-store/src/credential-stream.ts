import type { CredentialEvent } from '#domain';
import type { RecordedEvent } from '#event-store';

export const CREDENTIAL_STREAM_TYPE = 'credential';
export const credentialStreamId = (credentialId: string): string => `credential-${credentialId}`;
export const credentialIdOfStream = (streamId: string): string => streamId.slice('credential-'.length);

export function toCredentialEvent(recorded: RecordedEvent): CredentialEvent {
  return { type: recorded.type, data: recorded.data } as CredentialEvent;
}
