import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialState } from '#domain';
import { readStream, type LoadedStream } from '#event-store';
import { credentialStreamId } from './credential-stream.js';

/**
 * True when the credential's stream moved past `version` only by
 * SecretReencrypted events: a master-key rotation re-sealed the same secret,
 * nothing a user could see changed. A request that lost a race to that (its
 * append conflicted, or the data key it read was retired meanwhile) can run
 * again, and an If-Match of `version` still describes the credential.
 */
export async function onlyReencryptedSince(em: EntityManager, credentialId: string, version: number): Promise<boolean> {
  const { events } = await readStream(em, credentialStreamId(credentialId), { fromVersion: version + 1 });
  return events.length > 0 && events.every((event) => event.type === 'SecretReencrypted');
}

/**
 * Events the system records on a credential without changing anything a user
 * wrote: a master-key rotation's re-encryption, health-check results and
 * alerts, expiry reminders.
 */
const SYSTEM_EVENTS = new Set([
  'SecretReencrypted',
  'CredentialTestSucceeded',
  'CredentialTestFailed',
  'CredentialHealthAlerted',
  'CredentialExpiryReminded',
  'CredentialExpired',
]);

async function onlySystemEventsSince(em: EntityManager, credentialId: string, version: number): Promise<boolean> {
  const { events } = await readStream(em, credentialStreamId(credentialId), { fromVersion: version + 1 });
  return events.length > 0 && events.every((event) => SYSTEM_EVENTS.has(event.type));
}

/**
 * The retry rule of a user's request: it runs again (deciding on the new
 * state, If-Match checked again) when its append lost a race to events the
 * system recorded alone, or when the data key it read was retired by a
 * re-encryption; a conflict with another user's write is the user's to resolve.
 * A health check recorded every few seconds must not turn a rotation into a 409.
 */
export function lostOnlyToSystemEvents(credentialId: string) {
  return async (error: unknown, loaded: LoadedStream<CredentialState> | undefined, em: EntityManager): Promise<boolean> => {
    const code = (error as { code?: unknown } | null)?.code;
    if (loaded === undefined) return false;
    if (code === 'VERSION_CONFLICT') return onlySystemEventsSince(em, credentialId, loaded.version);
    if (code === 'DECRYPTION_FAILED') return onlyReencryptedSince(em, credentialId, loaded.version);
    return false;
  };
}
