import type { EntityManager } from '@mikro-orm/postgresql';
import { readStream } from '#event-store';
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
