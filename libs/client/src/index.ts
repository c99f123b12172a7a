// Public surface of @keyledger/client (#client inside the Keyledger repository).
export { KeyledgerClient, isCredentialId, type ClientOptions } from './client.js';
export { KeyledgerAdmin, type PageRequest, type WriteOptions } from './admin.js';
export { TtlCache, type CacheOptions } from './cache.js';
export { AUDIT_FILTERS, AuditFollower, type AuditEntry, type AuditFilter, type AuditPage, type AuditPageReader } from './audit.js';
export { connectionString, type DatabaseCredential } from './connection-string.js';
export { HttpTransport, type ApiResponse, type Query, type RequestOptions, type TransportOptions } from './transport.js';
export { RateMeter, etaSeconds, formatCount, formatDuration, formatRate, keyRotationCount } from './progress.js';
export { DEFAULT_RETRY, backoffDelay, isRetryableStatus, type RetryPolicy } from './retry.js';
export {
  ConflictError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  KeyledgerApiError,
  NetworkError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  ValidationFailedError,
  type ApiErrorBody,
} from './errors.js';
export type {
  Credential,
  CredentialAction,
  CredentialPage,
  CredentialSelection,
  CredentialSummary,
  Grant,
  GrantChange,
  Grantee,
  GrantPermission,
  IssuedToken,
  KekStatus,
  KeyRotation,
  KeyRotationMode,
  KeyRotationStatus,
  Me,
  NewPrincipal,
  Principal,
  PrincipalPage,
  Reach,
  RevealedSecret,
  Role,
  Token,
  TokenPage,
  TokenRequest,
} from './types.js';
