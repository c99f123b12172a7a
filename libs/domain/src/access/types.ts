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

/** Everything a principal can ask to do to a credential (`create` has no credential yet). */
export type CredentialAction = 'read' | 'reveal' | 'lookup' | 'change' | 'rotate' | 'test' | 'deactivate' | 'restore' | 'destroy' | 'grant';
export const CREDENTIAL_ACTIONS: readonly CredentialAction[] = [
  'read',
  'reveal',
  'lookup',
  'change',
  'rotate',
  'test',
  'deactivate',
  'restore',
  'destroy',
  'grant',
];
/** `test_unsaved`: a check of a credential that is not saved (`POST /v1/credentials/test`). */
export type RouteAction = CredentialAction | 'create' | 'test_unsaved';

export type DenialReason = 'not_found' | 'forbidden' | 'rate_limited' | 'inactive' | 'destroyed' | 'expired';

/**
 * A refused request on a credential route. Recorded in the ACTOR's tenant,
 * on the access stream of the id that was asked for (whether or not it
 * exists, whoever owns it), so the record answers nobody whether the id
 * exists; `credentialId` is null when no id was asked for (a lookup).
 */
export type AccessDenied = {
  type: 'AccessDenied';
  data: {
    credentialId: string | null;
    actor: string;
    /** ISO-8601 instant. */
    at: string;
    action: RouteAction;
    reason: DenialReason;
    clientIp: string | null;
    userAgent: string | null;
  };
};

/**
 * Where a refusal is recorded: the requested credential's access stream, or
 * for a request that named no credential (a lookup, a create) the actor's
 * own `principal-access-<id>` stream. Both have stream type `credential_access`.
 */
export function deniedAccessStreamId(credentialId: string | null, actorId: string): string {
  return credentialId === null ? principalAccessStreamId(actorId) : accessStreamId(credentialId);
}

/** The actor's own access stream (stream type `credential_access`): records of requests that named no stored credential. */
export function principalAccessStreamId(actorId: string): string {
  return `principal-access-${actorId}`;
}

/**
 * A health check run on a credential that was not saved (`POST
 * /v1/credentials/test`). Recorded, unversioned, on the actor's
 * `principal-access-<id>` stream in its tenant: what was tried where, and
 * how it ended. Never the secret: `target` is a host and port or a URL
 * without user info, query or fragment, and `error` is the check's
 * scrubbed message.
 */
export type UnsavedCredentialTested = {
  type: 'UnsavedCredentialTested';
  data: {
    actor: string;
    /** ISO-8601 instant the check started. */
    at: string;
    credentialType: string;
    /** The name the request gave (nothing reserves it). */
    name: string;
    target: string | null;
    /** False when no health check applies to the credential's type and settings. */
    checked: boolean;
    ok: boolean;
    durationMs: number;
    /** The failure message, secret-free; null when the check passed. */
    error: string | null;
    clientIp: string | null;
    userAgent: string | null;
  };
};
