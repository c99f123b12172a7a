// One error hierarchy for the whole project. Each error carries a stable
// `code`; the API's exception filter maps codes to HTTP statuses.

export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CREDENTIAL_INACTIVE'
  | 'CREDENTIAL_DESTROYED'
  | 'CREDENTIAL_EXPIRED'
  | 'INVALID_STATE'
  | 'DUPLICATE_NAME'
  | 'DUPLICATE_HOST_PURPOSE'
  | 'VERSION_CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_KEY_IN_FLIGHT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAVAILABLE'
  | 'DECRYPTION_FAILED';

export interface FieldIssue {
  /** Dotted path into the request body: `secret`, `extra.port`, `extra.token_name`. */
  field: string;
  message: string;
}

export class KeyledgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends KeyledgerError {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super('VALIDATION_FAILED', message, issues);
  }
}

/**
 * The database or Redis could not be reached, or dropped the connection mid
 * request: nothing was answered from a half-done operation, and the same
 * request may succeed when retried.
 */
export class UnavailableError extends KeyledgerError {
  constructor(readonly retryAfterSeconds: number) {
    super('UNAVAILABLE', 'a backing service is unavailable; retry shortly', { retryAfterSeconds });
  }
}
