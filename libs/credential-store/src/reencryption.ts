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

const LOST_TO_REENCRYPTION = new Set(['VERSION_CONFLICT', 'DECRYPTION_FAILED']);

/**
 * The retry rule of a user's request: it runs again only when it lost a race
 * to a re-encryption alone; any other conflict is the user's to resolve.
 */
export function lostOnlyToReencryption(credentialId: string) {
  return async (error: unknown, loaded: LoadedStream<CredentialState> | undefined, em: EntityManager): Promise<boolean> => {
    const code = (error as { code?: unknown } | null)?.code;
    if (loaded === undefined || typeof code !== 'string' || !LOST_TO_REENCRYPTION.has(code)) return false;
    return onlyReencryptedSince(em, credentialId, loaded.version);
  };
}
