// Typed failures of the client. An API error carries the server's status,
// stable `code` and field `details`; messages come from the server, which
// never puts a secret in one, and the client adds only method and path.

/** What the API answered: `{statusCode, error, message, code?, details?}`. */
export interface ApiErrorBody {
  statusCode?: number;
  error?: string;
  message?: string;
  code?: string;
  details?: unknown;
}

export class KeyledgerApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    readonly details: unknown,
    readonly request: { method: string; path: string },
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** 400: the request is invalid; `details` lists every failing field. */
export class ValidationFailedError extends KeyledgerApiError {}
/** 401: no token, or an unknown, expired or revoked one. */
export class UnauthorizedError extends KeyledgerApiError {}
/** 403: the token's role may not call this route. */
export class ForbiddenError extends KeyledgerApiError {}
/** 404: no such credential for this principal (or no such route). */
export class NotFoundError extends KeyledgerApiError {}
/** 409: version conflict, duplicate name, inactive or destroyed credential, ambiguous lookup. */
export class ConflictError extends KeyledgerApiError {}
/** 412: If-Match did not match the current version. */
export class PreconditionFailedError extends KeyledgerApiError {}
/** 422: an Idempotency-Key reused with another request. */
export class IdempotencyKeyReusedError extends KeyledgerApiError {}
/** 429: too many requests; retry after `retryAfterSeconds` when the server says. */
export class RateLimitedError extends KeyledgerApiError {
  constructor(
    status: number,
    message: string,
    code: string | undefined,
    details: unknown,
    request: { method: string; path: string },
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(status, message, code, details, request);
  }
}
/** 5xx, after the retries. */
export class ServerError extends KeyledgerApiError {}

/** The API could not be reached (refused, reset, DNS, timeout), after the retries. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly request: { method: string; path: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

const BY_STATUS: Record<number, typeof KeyledgerApiError> = {
  400: ValidationFailedError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  412: PreconditionFailedError,
  422: IdempotencyKeyReusedError,
};

/** The typed error for an unsuccessful response. */
export function apiError(
  status: number,
  body: ApiErrorBody | undefined,
  request: { method: string; path: string },
  retryAfter: string | null,
): KeyledgerApiError {
  const message = typeof body?.message === 'string' && body.message !== '' ? body.message : `HTTP ${status}`;
  if (status === 429) return new RateLimitedError(status, message, body?.code, body?.details, request, retryAfterSeconds(retryAfter));
  const Type = BY_STATUS[status] ?? (status >= 500 ? ServerError : KeyledgerApiError);
  return new Type(status, message, body?.code, body?.details, request);
}

/** Seconds of a Retry-After header (delta-seconds or an HTTP date), if any. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const CERTIFICATE_FAILURES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The server's certificate was not trusted: trying again cannot help. */
export function isCertificateFailure(cause: unknown): boolean {
  const code = (cause as { cause?: { code?: string } })?.cause?.code;
  return code !== undefined && CERTIFICATE_FAILURES.has(code);
}

/** "connection refused", "no answer within 30 s": the cause, without the request. */
export function describeNetworkFailure(cause: unknown, timeoutMs: number): string {
  const error = cause as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error?.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const code = error?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ENOTFOUND') return 'host not found';
  if (isCertificateFailure(cause)) return `TLS certificate not trusted (${code}): trust the CA that signed it`;
  return code ?? error?.cause?.message ?? error?.message ?? 'network error';
}
