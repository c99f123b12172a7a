// Reads of a secret. Each reveal or lookup is recorded as an event on the
// credential's access stream, appended without a version check so that
// concurrent readers of one popular credential never contend; the
// credential's own stream (and its version) is left untouched.

export type AccessChannel = 'reveal' | 'lookup';

export type SecretRevealed = {
  type: 'SecretRevealed';
  data: {
    credentialId: string;
    actor: string;
    /** ISO-8601 instant. */
    at: string;
    via: AccessChannel;
    secretVersion: number;
    clientIp: string | null;
    userAgent: string | null;
    /** Present when the credential's expiresAt had passed at the time of the read. */
    expired?: true;
  };
};

export const ACCESS_STREAM_TYPE = 'credential_access';

/** One access stream per credential, beside its `credential-<id>` stream. */
export function accessStreamId(credentialId: string): string {
  return `credential-access-${credentialId}`;
}
