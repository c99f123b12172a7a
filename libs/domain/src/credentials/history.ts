import type { CredentialEvent, SecretVersionRecord } from './types.js';

/**
 * Every secret version the stream ever held, oldest first, as masked records.
 * Versions stay listed after destroy: the previews were masked to begin with.
 */
export function secretVersionHistory(events: CredentialEvent[]): SecretVersionRecord[] {
  const records: SecretVersionRecord[] = [];
  for (const event of events) {
    if (event.type === 'SecretReencrypted') {
      const record = records.find((r) => r.secretVersion === event.data.secretVersion);
      if (record) record.dekId = event.data.secret.dekId;
      continue;
    }
    if (event.type !== 'CredentialRegistered' && event.type !== 'SecretRotated') continue;
    const { data } = event;
    records.push({
      secretVersion: data.secretVersion,
      preview: data.secret.preview,
      dekId: data.secret.dekId,
      createdAt: data.at,
      createdBy: data.actor,
    });
  }
  return records;
}
